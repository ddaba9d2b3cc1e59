import type { Impersonation } from '../../../shared/ipc/contracts/impersonation';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import type { Database, Queryable } from './driver';

// The transactions Warden's own fixed SQL runs in (grid pages, counts, exports, catalog reads,
// grid edits). The run context (run-context.ts) picks the access mode and the identity; this
// module only knows how to open them on either driver. User SQL has its own, stricter path
// (isolated-run.ts: a held backend, cleaned afterwards).

export type Access = 'read only' | 'read write';

class Rollback<T> {
  constructor(readonly value: T) {}
}

/**
 * One transaction on the connection's pool. `access` is the transaction's first statement, so
 * the SERVER holds it to that mode (ISO-10): a view that calls a writing function is refused in
 * a READ ONLY one, whatever the pool's default is. `rollback` ends it with ROLLBACK, so even a
 * session-level `set_config` reached through a view does not outlive the read.
 */
export async function ownTransaction<T>(db: Database, how: { access?: Access; end: 'commit' | 'rollback' }, fn: (q: Queryable) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      const value = how.access ? await behind(tx, `set transaction ${how.access}`, fn) : await fn(tx);
      if (how.end === 'rollback') throw new Rollback(value);
      return value;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
}

/**
 * The same under "View as": the database package's rlsDb transaction (role and claims set and
 * checked by it, never re-implemented), turned READ ONLY after rlsDb's own set-up when the run
 * context says so. Going TO read-only is allowed at any point of a transaction; leaving it is
 * not, so nothing the callback runs can turn it back.
 */
export function identityTransaction<T>(db: Database, as: Impersonation, how: { readOnly: boolean; commit: boolean }, fn: (q: Queryable) => Promise<T>): Promise<T> {
  return rlsDb(db).rls(
    as.userId,
    as.role,
    (tx) => (how.readOnly ? behind(tx.raw, `select set_config('transaction_read_only', 'on', true)`, fn) : fn(tx.raw)),
    { commit: how.commit },
  );
}

/**
 * Sends `first`, and the callback's statements right behind it without waiting for its reply
 * (postgres.js pipelines them on the transaction's connection, PGlite queues them in order): no
 * extra round trip for the grid's first page (P1). The server runs them in that order; if
 * `first` failed, the transaction is aborted and nothing of the callback can have run outside
 * the mode, and its error is the one reported.
 */
async function behind<T>(q: Queryable, first: string, fn: (q: Queryable) => Promise<T>): Promise<T> {
  const set = q.query(first);
  const [mode, ran] = await Promise.allSettled([set, (async () => fn(q))()]);
  if (mode.status === 'rejected') throw mode.reason;
  if (ran.status === 'rejected') throw ran.reason;
  return ran.value;
}
