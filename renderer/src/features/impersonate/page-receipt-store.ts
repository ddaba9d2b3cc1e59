import { useEffect, useSyncExternalStore } from 'react';
import type { IdentityReceipt, Impersonation } from '../../../../shared/ipc/contracts/impersonation';

/** The receipt of the page the data grid shows, read in that page's own rlsDb transaction. */
export interface PageReceipt {
  connectionId: string;
  as: Impersonation;
  schema: string;
  table: string;
  receipt: IdentityReceipt;
}

// The data grid publishes, the banner reads: a module store rather than a prop through the
// shell, because the banner sits above every screen and the grid deep inside one.
let current: PageReceipt | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function publishPageReceipt(next: PageReceipt | undefined): void {
  if (next === current) return;
  current = next;
  for (const l of listeners) l();
}

/** Withdraws `receipt` only if it is still the published one (a newer view may have replaced it). */
export function withdrawPageReceipt(receipt: PageReceipt): void {
  if (current === receipt) publishPageReceipt(undefined);
}

/** The grid's receipt for this connection and identity; undefined when it is for anyone else. */
export function usePageReceipt(connectionId: string | undefined, as: Impersonation | undefined): PageReceipt | undefined {
  const value = useSyncExternalStore(subscribe, () => current);
  if (!value || !as || value.connectionId !== connectionId) return undefined;
  return value.as.role === as.role && value.as.userId === as.userId ? value : undefined;
}

/** The grid's side: publishes the latest page's receipt while mounted, withdraws it after. */
export function usePublishPageReceipt(
  ref: { connectionId: string; schema: string; table: string; as?: Impersonation | undefined },
  receipt: IdentityReceipt | undefined,
): void {
  const { connectionId, schema, table, as } = ref;
  const role = as?.role;
  const userId = as?.userId;
  useEffect(() => {
    if (!receipt || !role || userId === undefined) return;
    const published: PageReceipt = { connectionId, as: { role, userId }, schema, table, receipt };
    publishPageReceipt(published);
    return () => withdrawPageReceipt(published);
  }, [connectionId, schema, table, role, userId, receipt]);
}
