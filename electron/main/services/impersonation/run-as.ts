import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { Database, Queryable } from '../../db/driver';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import { ownTransaction } from '../../db/own-transactions';

export interface RunAsOptions {
  /** false: run, keep the result, roll back. Impersonated writes default to false at the call sites. */
  commit?: boolean;
}

/**
 * Runs `fn` as the identity, or as the connection itself when `as` is absent. Impersonated work
 * always goes through the database package's `rlsDb` (the app never re-implements it); plain
 * work runs in a transaction only when it must be rolled back.
 */
export async function runAs<T>(
  db: Database,
  as: Impersonation | null | undefined,
  fn: (q: Queryable) => Promise<T>,
  options: RunAsOptions = {},
): Promise<T> {
  if (as) return rlsDb(db).rls(as.userId, as.role, (tx) => fn(tx.raw), { commit: options.commit });
  if (options.commit !== false) return fn(db);
  return rolledBack(db, fn);
}

/** Runs `fn` in a transaction of the plain connection and always rolls it back. */
export function rolledBack<T>(db: Database, fn: (q: Queryable) => Promise<T>): Promise<T> {
  return ownTransaction(db, { end: 'rollback' }, fn);
}

/** SQLSTATE of a driver error, looking through drizzle's wrapper. */
export function sqlStateOf(err: unknown): string | undefined {
  let current: unknown = err;
  for (let i = 0; i < 4 && current && typeof current === 'object'; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The server's message of a driver error (never drizzle's, which embeds parameters). */
export function serverMessageOf(err: unknown): string {
  let current: unknown = err;
  for (let i = 0; i < 4 && current && typeof current === 'object'; i++) {
    const c = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code) && typeof c.message === 'string') return c.message;
    current = c.cause;
  }
  return err instanceof Error ? err.message : String(err);
}
