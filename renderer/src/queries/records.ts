import { infiniteQueryOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import type { Impersonation } from '../../../shared/ipc/contracts/impersonation';
import type { Cell, Page } from '../../../shared/ipc/contracts/records';
import type { Filter, Sort } from '../../../shared/records/filter';
import { call } from '../lib/ipc';

export interface TableRef {
  connectionId: string;
  schema: string;
  table: string;
  /** "View as" identity: every records call runs through rlsDb in main (issue 7). */
  as?: Impersonation;
}

/** One table's ref: `as` carries only the wire fields of "View as", and only when it is on. */
export function tableRefOf(connectionId: string, schema: string, table: string, as: Impersonation | undefined): TableRef {
  return { connectionId, schema, table, ...(as ? { as: { role: as.role, userId: as.userId } } : {}) };
}

export interface ViewState {
  sort?: Sort | undefined;
  filters: Filter[];
}

/** Every key starts with `records` so one invalidation (after apply or a migration) covers all. */
export const recordKeys = {
  all: ['records'] as const,
  tables: (connectionId: string) => [...recordKeys.all, 'tables', connectionId] as const,
  table: (ref: TableRef) => [...recordKeys.all, 'table', ref.connectionId, ref.schema, ref.table, ref.as?.role ?? null, ref.as?.userId ?? null] as const,
  describe: (ref: TableRef) => [...recordKeys.table(ref), 'describe'] as const,
  page: (ref: TableRef, view: ViewState, seek?: string[]) => [...recordKeys.table(ref), 'page', view, seek ?? null] as const,
  /** Filters only: the count does not depend on the sort, so sorting never recounts (P3). */
  count: (ref: TableRef, view: ViewState) => [...recordKeys.table(ref), 'count', view.filters] as const,
  references: (ref: TableRef, key: string[]) => [...recordKeys.table(ref), 'references', key] as const,
};

let counter = 0;
/** A request id the renderer can cancel with: the view changed, the old query stops on the server. */
function requestId(): string {
  counter += 1;
  return `r${Date.now().toString(36)}-${counter}`;
}

/**
 * Runs a cancellable read: TanStack Query aborts `signal` when the view changes or the component
 * unmounts, and main then cancels the statement on the server (postgres.js cancel request).
 */
async function cancellable<T>(signal: AbortSignal, run: (id: string) => Promise<T>): Promise<T> {
  const id = requestId();
  const onAbort = () => void call('records.cancel', { requestId: id }).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await run(id);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export const PAGE_SIZE = 100;
export const CELL_CAP = 500;

export const recordQueries = {
  tables: (connectionId: string) =>
    queryOptions({
      queryKey: recordKeys.tables(connectionId),
      queryFn: () => call('records.tables', { connectionId }),
      staleTime: 30_000,
    }),
  describe: (ref: TableRef) =>
    queryOptions({
      queryKey: recordKeys.describe(ref),
      queryFn: () => call('records.describe', ref),
      staleTime: 30_000,
    }),
  pages: (ref: TableRef, view: ViewState, seek?: string[]) =>
    infiniteQueryOptions({
      queryKey: recordKeys.page(ref, view, seek),
      initialPageParam: null as Cell[] | null,
      queryFn: ({ pageParam, signal }): Promise<Page> =>
        cancellable(signal, (id) =>
          call('records.page', {
            ...ref,
            ...(view.sort ? { sort: view.sort } : {}),
            filters: view.filters,
            limit: PAGE_SIZE,
            cellCap: CELL_CAP,
            requestId: id,
            ...(pageParam ? { after: pageParam } : seek ? { seek } : {}),
          }),
        ),
      getNextPageParam: (last) => last.nextCursor,
      staleTime: 15_000,
      // A grid mounts only after prefetchTable has read (or failed) its first page: mounting must
      // not send a failed read a second time. Opening the table again refetches (it is stale).
      retryOnMount: false,
    }),
  count: (ref: TableRef, view: ViewState) =>
    queryOptions({
      queryKey: recordKeys.count(ref, view),
      queryFn: ({ signal }) =>
        cancellable(signal, (id) =>
          call('records.count', { ...ref, filters: view.filters, timeoutMs: 30_000, requestId: id }),
        ),
      staleTime: 30_000,
      retry: false,
    }),
  references: (ref: TableRef, key: string[]) =>
    queryOptions({
      queryKey: recordKeys.references(ref, key),
      queryFn: () => call('records.references', { ...ref, key }),
      staleTime: 10_000,
    }),
};

/**
 * Sends a table's two reads at once, its description and its first page (P1): neither waits
 * for the other, nor for a render. Resolves when the first page has been read or has failed
 * (never rejects); both land in the cache under the keys the screen's own queries use.
 */
export function prefetchTable(queryClient: QueryClient, ref: TableRef, view: ViewState): Promise<void> {
  void queryClient.prefetchQuery(recordQueries.describe(ref));
  return queryClient.prefetchInfiniteQuery(recordQueries.pages(ref, view));
}
