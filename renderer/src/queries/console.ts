import { queryOptions } from '@tanstack/react-query';
import { call } from '../lib/ipc';

export const consoleKeys = {
  all: ['console'] as const,
  schema: (connectionId: string) => [...consoleKeys.all, 'schema', connectionId] as const,
};

export const consoleQueries = {
  /** Tables and columns for completion; refreshed when the schema changes (a migration). */
  schema: (connectionId: string) =>
    queryOptions({
      queryKey: consoleKeys.schema(connectionId),
      queryFn: () => call('console.schema', { connectionId }),
      staleTime: 60_000,
    }),
};
