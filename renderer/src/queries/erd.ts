import { queryOptions } from '@tanstack/react-query';
import { call } from '../lib/ipc';

/** Query keys for diagrams; every key starts with `erd` so a schema change invalidates all. */
export const erdKeys = {
  all: ['erd'] as const,
  domains: (connectionId: string) => [...erdKeys.all, 'domains', connectionId] as const,
  graph: (connectionId: string, domain: string, compare = false) => [...erdKeys.all, 'graph', connectionId, domain, compare] as const,
  table: (connectionId: string, table: string) => [...erdKeys.all, 'table', connectionId, table] as const,
  layout: (connectionId: string, domain: string) => [...erdKeys.all, 'layout', connectionId, domain] as const,
};

export const erdQueries = {
  /** Per connection: an unmanaged database offers its own groups, and says it is unmanaged. */
  domains: (connectionId: string) =>
    queryOptions({
      queryKey: erdKeys.domains(connectionId),
      queryFn: () => call('erd.domains', { connectionId }),
      staleTime: 60_000,
    }),
  graph: (connectionId: string, domain: string, compare = false) =>
    queryOptions({
      queryKey: erdKeys.graph(connectionId, domain, compare),
      queryFn: () => call('erd.graph', { connectionId, domain, ...(compare ? { compare } : {}) }),
      // The schema changes through migrations, which emit `schema.changed`; no polling.
      staleTime: 60_000,
    }),
  table: (connectionId: string, table: string) =>
    queryOptions({
      queryKey: erdKeys.table(connectionId, table),
      queryFn: () => call('erd.table', { connectionId, table }),
      staleTime: 30_000,
    }),
  layout: (connectionId: string, domain: string) =>
    queryOptions({
      queryKey: erdKeys.layout(connectionId, domain),
      queryFn: () => call('erd.layout.get', { connectionId, domain }),
      staleTime: Number.POSITIVE_INFINITY,
    }),
};
