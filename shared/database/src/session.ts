import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { DatabaseSchema } from './relational';

// The few things the package's helpers (rlsDb, the seed, the migrator) need from a database
// connection, independent of any driver wrapper. Warden's `Database` (electron/main/db/driver.ts)
// satisfies these structurally, and so does the package's own client (client.ts).

export type DriverKind = 'pglite' | 'postgres';
export type { DatabaseSchema };

/**
 * A drizzle database or transaction over either driver, typed with the package's schema (the
 * base query-result HKT: the drivers' own differ, callers use only the shared query builder).
 * The relational config is drizzle's default, derived from the schema, so `db.query.user` is a
 * known key, not an index signature.
 */
export type SchemaDrizzle = PgDatabase<PgQueryResultHKT, DatabaseSchema>;

export interface SqlQueryOptions {
  /** Refuse several statements in one string (rlsDb's callback, RLS-05). */
  singleStatement?: boolean;
  /** Ask as a named prepared statement (fixed SQL texts only). */
  prepare?: boolean;
}

/** Raw, parameterized SQL: values are always bound. */
export interface SqlQueryable {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: SqlQueryOptions): Promise<{ rows: R[] }>;
}

/** One open transaction: raw SQL and drizzle on the SAME connection. */
export interface SqlTransaction extends SqlQueryable {
  drizzle: SchemaDrizzle;
}

/** A database whose transactions give raw SQL and drizzle on one connection. */
export interface SqlSession<H extends SqlTransaction = SqlTransaction> extends SqlQueryable {
  readonly kind: DriverKind;
  readonly drizzle: SchemaDrizzle;
  transaction<T>(fn: (tx: H) => Promise<T>): Promise<T>;
}
