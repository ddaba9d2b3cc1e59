import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

// The few things the package's helpers (rlsDb, the seed, the migrator) need from a database
// connection, independent of any driver wrapper. Warden's `Database` (electron/main/db/driver.ts)
// satisfies these structurally, and so does the package's own client (client.ts).

export type DriverKind = 'pglite' | 'postgres';
export type DatabaseSchema = typeof schema;

/** A drizzle database or transaction over either driver, typed with the package's schema. */
// biome-ignore lint/suspicious/noExplicitAny: the result HKT differs per driver; callers only use the shared query builder.
export type SchemaDrizzle = PgDatabase<PgQueryResultHKT, DatabaseSchema, any>;

export interface SessionQueryOptions {
  /** Refuse several statements in one string (rlsDb's callback, RLS-05). */
  singleStatement?: boolean;
  /** Ask as a named prepared statement (fixed SQL texts only). */
  prepare?: boolean;
}

/** Raw, parameterized SQL: values are always bound. */
export interface SessionQueryable {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: SessionQueryOptions): Promise<{ rows: R[] }>;
}

/** One open transaction: raw SQL and drizzle on the SAME connection. */
export interface SessionTransaction extends SessionQueryable {
  drizzle: SchemaDrizzle;
}

/** A database whose transactions give raw SQL and drizzle on one connection. */
export interface Session<H extends SessionTransaction = SessionTransaction> extends SessionQueryable {
  readonly kind: DriverKind;
  readonly drizzle: SchemaDrizzle;
  transaction<T>(fn: (tx: H) => Promise<T>): Promise<T>;
}
