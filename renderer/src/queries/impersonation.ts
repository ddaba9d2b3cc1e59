import { queryOptions } from '@tanstack/react-query';
import type { Impersonation } from '../../../shared/ipc/contracts/impersonation';
import { call } from '../lib/ipc';

export const impersonationKeys = {
  all: ['impersonation'] as const,
  users: (connectionId: string, search: string) => [...impersonationKeys.all, 'users', connectionId, search] as const,
  receipt: (connectionId: string, as: Impersonation, tables: string) => [...impersonationKeys.all, 'receipt', connectionId, as.role, as.userId, tables] as const,
  matrix: (connectionId: string) => [...impersonationKeys.all, 'matrix', connectionId] as const,
};

export const impersonationQueries = {
  users: (connectionId: string, search: string) =>
    queryOptions({
      queryKey: impersonationKeys.users(connectionId, search),
      queryFn: () => call('impersonation.users', { connectionId, search, limit: 50 }),
      staleTime: 30_000,
    }),
  receipt: (connectionId: string, as: Impersonation, tables: { schema: string; table: string }[] = []) =>
    queryOptions({
      queryKey: impersonationKeys.receipt(connectionId, as, tables.map((t) => `${t.schema}.${t.table}`).join(',')),
      queryFn: () => call('impersonation.receipt', { connectionId, as, tables }),
      staleTime: 10_000,
      retry: false,
    }),
  matrix: (connectionId: string) =>
    queryOptions({
      queryKey: impersonationKeys.matrix(connectionId),
      queryFn: () => call('impersonation.matrix', { connectionId }),
      staleTime: 30_000,
    }),
};
