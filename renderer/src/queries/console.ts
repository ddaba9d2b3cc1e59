import { queryOptions } from '@tanstack/react-query';
import type { Impersonation } from '../../../shared/ipc/contracts/impersonation';
import { call } from '../lib/ipc';

export const consoleKeys = {
  all: ['console'] as const,
  schema: (connectionId: string, as?: Impersonation) => [...consoleKeys.all, 'schema', connectionId, as?.role ?? null, as?.userId ?? null] as const,
};

export const consoleQueries = {
  /** Tables and columns for completion; refreshed when the schema changes (a migration). */
  /** Under View as, only what the identity may select (main reads it as the identity). */
  schema: (connectionId: string, as?: Impersonation) =>
    queryOptions({
      queryKey: consoleKeys.schema(connectionId, as),
      queryFn: () => call('console.schema', { connectionId, ...(as ? { as } : {}) }),
      staleTime: 60_000,
    }),
};
