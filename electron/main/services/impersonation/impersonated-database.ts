import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { Database, QueryOptions, QueryResult, TransactionHandle } from '../../db/driver';
import { createRlsDb as rlsDb } from '@repo/database/rls';

export interface ImpersonatedOptions {
  /** Whether transactions commit; plain queries always roll back (they only read). */
  commit?: boolean;
}

/**
 * A `Database` whose every statement runs inside `rlsDb.rls(userId, role, …)`: services written
 * against `Database` (the data browser's reads and writes) run impersonated without knowing it.
 * Each `query` is its own rolled-back rlsDb transaction; `transaction(fn)` is ONE rlsDb
 * transaction, committed only when `commit` is true.
 */
export function impersonatedDatabase(db: Database, as: Impersonation, options: ImpersonatedOptions = {}): Database {
  const rls = rlsDb(db);
  return {
    kind: db.kind,
    // drizzle's query builder outside a transaction would bypass rlsDb: hand out the base one
    // only for building SQL; services run statements through query/transaction.
    drizzle: db.drizzle,
    query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], queryOptions?: QueryOptions): Promise<QueryResult<R>> {
      return rls.rls(as.userId, as.role, (tx) => tx.raw.query<R>(text, params, queryOptions), { commit: false });
    },
    transaction<T>(fn: (tx: TransactionHandle) => Promise<T>): Promise<T> {
      return rls.rls(as.userId, as.role, (tx) => fn({ drizzle: tx, query: tx.raw.query }), { commit: options.commit ?? false });
    },
    close: async () => {},
  };
}

class Rollback<T> {
  constructor(readonly value: T) {}
}

/** A `Database` whose transactions always roll back: "what would the owner's write have done?" */
export function rollbackDatabase(db: Database): Database {
  return {
    ...db,
    query: db.query.bind(db),
    async transaction<T>(fn: (tx: TransactionHandle) => Promise<T>): Promise<T> {
      try {
        await db.transaction(async (tx) => {
          throw new Rollback(await fn(tx));
        });
      } catch (err) {
        if (err instanceof Rollback) return err.value as T;
        throw err;
      }
      throw new Error('unreachable: the rollback transaction returned');
    },
    close: async () => {},
  };
}

/**
 * Runs `fn` with a `Database` that is ONE rlsDb transaction (rolled back): every statement a read
 * makes (the page and its estimate, side by side) shares the role switch and the claims, and
 * postgres.js pipelines them on the one connection (P7). Nested `transaction()` calls join it.
 */
export async function withImpersonation<T>(db: Database, as: Impersonation, fn: (session: Database) => Promise<T>): Promise<T> {
  return rlsDb(db).rls(
    as.userId,
    as.role,
    (tx) => {
      const handle: TransactionHandle = { drizzle: tx, query: tx.raw.query };
      const session: Database = {
        kind: db.kind,
        drizzle: tx,
        query: tx.raw.query,
        transaction: (inner) => inner(handle),
        close: async () => {},
      };
      return fn(session);
    },
    { commit: false },
  );
}
