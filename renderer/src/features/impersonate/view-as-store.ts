import { useCallback, useSyncExternalStore } from 'react';
import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';

/** The person behind an identity, for the banner (the id alone says little). */
export interface ViewAs extends Impersonation {
  label?: string;
}

// "View as" lives in the renderer, per connection, and is passed explicitly as `as` with every
// data call: main keeps no hidden identity state that a stale window could inherit.
const state = new Map<string, ViewAs>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getViewAs(connectionId: string): ViewAs | undefined {
  return state.get(connectionId);
}

export function setViewAs(connectionId: string, viewAs: ViewAs | undefined): void {
  if (viewAs) state.set(connectionId, viewAs);
  else state.delete(connectionId);
  for (const l of listeners) l();
}

/** The identity to pass as `as` for this connection (undefined: the connection itself). */
export function useViewAs(connectionId: string | undefined): [ViewAs | undefined, (next: ViewAs | undefined) => void] {
  const value = useSyncExternalStore(subscribe, () => (connectionId ? state.get(connectionId) : undefined));
  const set = useCallback((next: ViewAs | undefined) => connectionId && setViewAs(connectionId, next), [connectionId]);
  return [value, set];
}

/** Only the wire fields: `label` is for display and never crosses IPC. */
export function asWire(viewAs: ViewAs | undefined): Impersonation | undefined {
  return viewAs ? { role: viewAs.role, userId: viewAs.userId } : undefined;
}
