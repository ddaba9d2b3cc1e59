import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { ConnectionSummary } from '../../../shared/ipc/contracts/connections';
import { call } from '../lib/ipc';

/** Query keys for connections; every key starts with `connections` so one invalidation covers all. */
export const connectionKeys = {
  all: ['connections'] as const,
  list: () => [...connectionKeys.all, 'list'] as const,
  serverInfo: (id: string) => [...connectionKeys.all, 'server-info', id] as const,
};

export const connectionQueries = {
  list: () =>
    queryOptions({
      queryKey: connectionKeys.list(),
      queryFn: () => call('connections.list', {}),
      // State changes arrive as `connections.changed` events; polling would only add load.
      staleTime: Number.POSITIVE_INFINITY,
    }),
  serverInfo: (id: string) =>
    queryOptions({
      queryKey: connectionKeys.serverInfo(id),
      queryFn: () => call('connections.serverInfo', { id }),
      staleTime: 60_000,
      retry: false,
    }),
};

/** Puts one summary (from an event or a mutation result) into the cached list, in place. */
export function upsertConnection(queryClient: QueryClient, summary: ConnectionSummary): void {
  queryClient.setQueryData<ConnectionSummary[]>(connectionKeys.list(), (list) => {
    if (!list) return list;
    const index = list.findIndex((item) => item.id === summary.id);
    if (index === -1) return [...list, summary];
    const next = list.slice();
    next[index] = summary;
    return next;
  });
}

export function removeConnection(queryClient: QueryClient, id: string): void {
  queryClient.setQueryData<ConnectionSummary[]>(connectionKeys.list(), (list) => list?.filter((item) => item.id !== id));
  queryClient.removeQueries({ queryKey: connectionKeys.serverInfo(id) });
}
