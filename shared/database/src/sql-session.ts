import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { schema } from './relational';
import type { DriverKind, SchemaDrizzle, SqlQueryOptions, SqlSession, SqlTransaction } from './session';

// A SqlSession over a bare driver client (a postgres.js `Sql` or a PGlite instance): drizzle
// with the package's schema, plus raw SQL on the connection a drizzle transaction holds
// (drizzle keeps the driver's transaction client at `tx.session.client`), so rlsDb's
// set_config and the callback's queries run in ONE transaction. Warden has its own richer
// adapters (electron/main/db/raw-client.ts: cancellation, row modes, error redaction).

export type DriverClient = PGlite | postgres.Sql;

interface PgliteQueryClient {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

function pgliteRaw(client: PgliteQueryClient) {
  return {
    async query<R = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<{ rows: R[] }> {
      const result = await client.query<R>(text, [...params]);
      return { rows: result.rows };
    },
  };
}

function postgresRaw(sql: postgres.Sql | postgres.TransactionSql) {
  return {
    async query<R = Record<string, unknown>>(text: string, params: readonly unknown[] = [], options: SqlQueryOptions = {}): Promise<{ rows: R[] }> {
      const result = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[], {
        prepare: options.prepare ?? false,
        // The extended protocol refuses several statements in one string (rlsDb, RLS-05).
        ...(options.singleStatement ? { simple: false } : {}),
      });
      return { rows: [...result] as R[] };
    },
  };
}

/** postgres.js `Sql` is a function with `unsafe` and `begin`; PGlite is an object with `query`. */
export function isPostgresJs(client: unknown): client is postgres.Sql {
  return typeof client === 'function' && typeof (client as { unsafe?: unknown }).unsafe === 'function';
}

export function kindOf(client: DriverClient): DriverKind {
  return isPostgresJs(client) ? 'postgres' : 'pglite';
}

/** drizzle over the client, with the package's schema (so `db.query.*` works). */
export function drizzleOver(client: DriverClient): SchemaDrizzle {
  return (isPostgresJs(client) ? drizzlePostgres(client, { schema }) : drizzlePglite(client, { schema })) as unknown as SchemaDrizzle;
}

function rawOf(kind: DriverKind, client: unknown) {
  return kind === 'postgres' ? postgresRaw(client as postgres.Sql) : pgliteRaw(client as PgliteQueryClient);
}

/** The SqlSession rlsDb, the seed and the migrator use, over a bare driver client. */
export function sessionOver(client: DriverClient, drizzle: SchemaDrizzle = drizzleOver(client)): SqlSession {
  const kind = kindOf(client);
  const raw = rawOf(kind, client);
  return {
    kind,
    drizzle,
    query: raw.query,
    transaction: <T>(fn: (tx: SqlTransaction) => Promise<T>) =>
      drizzle.transaction(async (tx) => {
        const txClient = (tx as unknown as { session?: { client?: unknown } }).session?.client;
        if (!txClient) throw new Error('drizzle transaction exposes no driver client');
        return fn({ drizzle: tx as unknown as SchemaDrizzle, ...rawOf(kind, txClient) });
      }),
  };
}
