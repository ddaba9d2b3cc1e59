import type { DatabaseSchema, DriverKind, SchemaDrizzle } from '@repo/database/session';
import type { SessionRunner } from './session';

// The package's driver-agnostic session types; Warden's `Database` below satisfies its `Session`.
export type { DriverKind };
export type AppSchema = DatabaseSchema;

/** A drizzle database or transaction over either driver, typed with the app's schema. */
export type AppDrizzle = SchemaDrizzle;

export interface QueryOptions {
  /** Aborting cancels the statement on the server (postgres.js) or rejects at once (PGlite). */
  signal?: AbortSignal;
  /** `array` returns each row as an array in field order: the grid's data path (P6). */
  rowMode?: 'object' | 'array';
  /**
   * Refuse several statements in one string (extended protocol on postgres.js, which otherwise
   * uses the simple protocol for parameterless text). rlsDb sets it for everything its callback
   * runs: `COMMIT; …` must never get past the transaction boundary (RLS-05).
   */
  singleStatement?: boolean;
  /**
   * Use a named prepared statement (postgres.js caches it per connection): for stable SQL text
   * such as a table's keyset page, saving the parse and plan on every page. Off by default:
   * user patterns must be planned with their value (P5), and ad-hoc SQL would fill the cache.
   */
  prepare?: boolean;
}

export interface QueryField {
  name: string;
  dataTypeID: number;
}

export interface QueryResult<R> {
  rows: R[];
  fields: QueryField[];
  /** Rows touched by INSERT / UPDATE / DELETE. */
  affectedRows: number;
  command?: string;
}

/** Raw, parameterized SQL. Values are always bound; identifiers come from `quoteIdent`. */
export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
}

export interface TransactionHandle extends Queryable {
  drizzle: AppDrizzle;
}

/**
 * One database, whichever driver is behind it. drizzle owns transactions, so raw SQL inside
 * `transaction()` runs on the very connection drizzle opened (see `raw-client.ts`).
 */
export interface Database extends Queryable {
  readonly kind: DriverKind;
  readonly drizzle: AppDrizzle;
  transaction<T>(fn: (tx: TransactionHandle) => Promise<T>): Promise<T>;
  /** One backend held for a run of user SQL (see session.ts); absent on wrappers that cannot hold one. */
  session?: SessionRunner;
  close(): Promise<void>;
}
