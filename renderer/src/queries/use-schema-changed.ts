import { type Query, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onEvent } from '../lib/ipc';

// The one renderer listener for `schema.changed`, mounted once at the app root: whichever screen
// is showing (or mounts later), every query derived from the catalog of that connection is
// invalidated. Main has already cleared its catalog cache before emitting, so the refetches
// read the new catalog. Mounted screens refetch now; unmounted ones on their next mount.

/** Query roots whose data comes from the catalog (table lists and descriptions, diagrams, completion, matrix, drift). */
const catalogRoots = new Set(['records', 'erd', 'console', 'impersonation', 'migrations']);

/** Saved diagram positions are the user's, not the catalog's: a schema change keeps them. */
const isCatalogDerived = (query: Query, connectionId: string): boolean => {
  const [root, kind] = query.queryKey;
  if (typeof root !== 'string' || !catalogRoots.has(root)) return false;
  if (root === 'erd' && kind === 'layout') return false;
  return query.queryKey.includes(connectionId);
};

export function useSchemaChanged(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onEvent('schema.changed', ({ connectionId }) => {
        void queryClient.invalidateQueries({ predicate: (q) => isCatalogDerived(q, connectionId) });
      }),
    [queryClient],
  );
}

/** A component form for the root (main.tsx): renders nothing. */
export function SchemaChangedListener(): null {
  useSchemaChanged();
  return null;
}
