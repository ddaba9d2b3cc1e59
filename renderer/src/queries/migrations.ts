import { queryOptions } from '@tanstack/react-query';
import { call } from '../lib/ipc';

/** Query keys for migrations; every key starts with `migrations` and then the connection id. */
export const migrationKeys = {
  all: ['migrations'] as const,
  connection: (connectionId: string) => [...migrationKeys.all, connectionId] as const,
  status: (connectionId: string) => [...migrationKeys.connection(connectionId), 'status'] as const,
  preview: (connectionId: string, tag: string | null) => [...migrationKeys.connection(connectionId), 'preview', tag ?? '*'] as const,
  drift: (connectionId: string) => [...migrationKeys.connection(connectionId), 'drift'] as const,
  history: (connectionId: string) => [...migrationKeys.connection(connectionId), 'history'] as const,
};

export const migrationQueries = {
  status: (connectionId: string) =>
    queryOptions({
      queryKey: migrationKeys.status(connectionId),
      queryFn: () => call('migrations.status', { connectionId }),
      // Files can change on disk at any time: re-read when the screen regains focus, not on a timer.
      staleTime: 0,
      retry: false,
    }),
  preview: (connectionId: string, tag: string | null) =>
    queryOptions({
      queryKey: migrationKeys.preview(connectionId, tag),
      queryFn: () => call('migrations.preview', tag ? { connectionId, tag } : { connectionId }),
      staleTime: 0,
      retry: false,
    }),
  drift: (connectionId: string) =>
    queryOptions({
      queryKey: migrationKeys.drift(connectionId),
      queryFn: () => call('migrations.drift', { connectionId }),
      // drift runs drizzle-kit's introspection: only when asked.
      enabled: false,
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    }),
  history: (connectionId: string) =>
    queryOptions({
      queryKey: migrationKeys.history(connectionId),
      queryFn: () => call('migrations.history', { connectionId, limit: 100 }),
      staleTime: 0,
    }),
};
