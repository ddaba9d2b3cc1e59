import type postgres from 'postgres';
import { rememberParams } from './errors';
import type { DriverKind, QueryOptions, QueryResult, Queryable } from './driver';

/**
 * Raw SQL on the connection that a drizzle transaction holds. drizzle keeps the driver's
 * transaction client at `tx.session.client` (postgres.js TransactionSql / PGlite Transaction);
 * using it keeps raw browsing queries and typed CRUD in ONE transaction (rlsDb relies on this).
 */
export function rawClientOf(kind: DriverKind, tx: unknown): Queryable {
  const client = (tx as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('drizzle transaction exposes no driver client');
  return kind === 'pglite'
    ? pgliteQueryable(client as Parameters<typeof pgliteQueryable>[0])
    : postgresQueryable(client as postgres.Sql, { held: true });
}

/**
 * Raw queries on postgres.js (pool or transaction); aborting sends a cancel request to the server.
 * `held`: one connection held by a transaction or a reserved session. There, a statement still
 * waiting in postgres.js's queue (behind one whose parameter types are being described) must not
 * be cancelled: postgres.js drops it from the wrong queue, and every statement queued after it
 * (the ROLLBACK included) then waits forever. It is left to run instead: the statement before it
 * carries the same signal and is cancelled on the server, so this one fails at once (25P02).
 */
export function postgresQueryable(sql: postgres.Sql | postgres.TransactionSql, { held = false }: { held?: boolean } = {}) {
  return {
    async query<R>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
      options.signal?.throwIfAborted();
      const pending = sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
        prepare: options.prepare ?? false,
        ...(options.singleStatement ? { simple: false } : {}),
      });
      const query = options.rowMode === 'array' ? pending.values() : pending;
      const onAbort = () => {
        if (!held || (pending as unknown as { state?: unknown }).state) void pending.cancel();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const result = (await query.catch((err: unknown) => Promise.reject(rememberParams(err, params)))) as unknown as postgres.RowList<postgres.Row[]>;
        return {
          rows: [...result] as R[],
          fields: (result.columns ?? []).map((c) => ({ name: c.name, dataTypeID: c.type })),
          affectedRows: result.count ?? 0,
          command: result.command,
        };
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}

interface PgliteLike {
  query<T>(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<{
    rows: T[];
    fields: { name: string; dataTypeID: number }[];
    affectedRows?: number;
  }>;
}

/** Raw queries on PGlite or one of its transactions. PGlite cannot cancel a running statement. */
export function pgliteQueryable(client: PgliteLike) {
  return {
    async query<R>(text: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
      options.signal?.throwIfAborted();
      const result = await client
        .query<R>(text, [...params], { rowMode: options.rowMode ?? 'object' })
        .catch((err: unknown) => Promise.reject(rememberParams(err, params)));
      options.signal?.throwIfAborted();
      return {
        rows: result.rows,
        fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
        affectedRows: result.affectedRows ?? 0,
      };
    },
  };
}
