import type { PGlite, Transaction } from '@electric-sql/pglite';
import type postgres from 'postgres';
import type { QueryOptions, QueryResult, Queryable } from './driver';
import { pgliteQueryable, postgresQueryable } from './raw-client';

/**
 * One backend held for one run (ISO-01/02): nothing else is sent on it while the run lasts.
 * `query` always uses the extended protocol, so the SERVER refuses a second statement in the
 * text whatever comments or quotes hide it; `script` is for Warden's own fixed multi-statement
 * text (transaction control, cleanup) and never carries user input.
 */
export interface Session extends Queryable {
  script(text: string): Promise<void>;
  /** SQL that opens the run's transaction on this driver (PGlite's session is already in one). */
  begin(mode: 'read only' | 'read write'): string;
  /** Closes this backend instead of handing it back (cleanup failed or the driver's cache is stale). */
  destroy(): Promise<void>;
}

export type SessionRunner = <T>(fn: (session: Session) => Promise<T>) => Promise<T>;

/** postgres.js: a reserved connection of the pool, released (or terminated) afterwards. */
export function postgresSession(sql: postgres.Sql): SessionRunner {
  return async (fn) => {
    const reserved = await sql.reserve();
    let destroyed = false;
    const raw = postgresQueryable(reserved, { held: true });
    const pid = Number((await reserved.unsafe('select pg_backend_pid() as pid', [], { prepare: false }))[0]?.pid);
    const session: Session = {
      query: <R>(text: string, params?: readonly unknown[], options: QueryOptions = {}) =>
        raw.query<R>(text, params ?? [], { ...options, prepare: false, singleStatement: true }) as Promise<QueryResult<R>>,
      async script(text) {
        await reserved.unsafe(text, [], { prepare: false });
      },
      begin: (mode) => `begin ${mode}`,
      async destroy() {
        destroyed = true;
        reserved.release();
        // postgres.js exposes no close for one connection: the server ends it, the pool reopens lazily.
        await sql.unsafe('select pg_terminate_backend($1)', [pid], { prepare: false }).catch(() => undefined);
      },
    };
    try {
      return await fn(session);
    } finally {
      if (!destroyed) reserved.release();
    }
  };
}

/**
 * PGlite: its one session, held exclusively through PGlite's transaction mutex (every other
 * query of the app waits). PGlite has already sent BEGIN; the run ends it itself, cleans the
 * session outside any transaction, and PGlite's own COMMIT afterwards is a no-op warning.
 */
export function pgliteSession(pglite: PGlite): SessionRunner {
  return (fn) =>
    pglite.transaction(async (tx: Transaction) => {
      const raw = pgliteQueryable(tx);
      const session: Session = {
        query: (text, params, options) => raw.query(text, params ?? [], options),
        async script(text) {
          await tx.exec(text);
        },
        begin: (mode) => `set transaction ${mode}`,
        async destroy() {
          // One session cannot be replaced; the cleanup already ran as far as it could.
        },
      };
      return fn(session);
    });
}
