import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../shared/db/schema';
import type { AppDrizzle, Database } from '../electron/main/db/driver';
import { type PostgresConfig, postgresOptions } from '../electron/main/db/postgres';
import { postgresQueryable, rawClientOf } from '../electron/main/db/raw-client';

/**
 * The app's postgres.js `Database` (openPostgres) with ONE option changed, for comparison rows:
 * `prepare: true` at the connection level. postgres.js lets a query be a named prepared
 * statement only when the connection allows it, so with the app's `prepare: false` the
 * per-query `prepare: true` of driver.ts (keyset pages, rlsDb's fixed statements) has no effect,
 * and every query with parameters costs a Describe round trip first, which also stalls the
 * pipeline. Per-query default stays unprepared (raw-client.ts), and drizzle's builder passes
 * `prepare: false` for unnamed queries, so only the statements that ask are prepared.
 */
export function openPostgresPrepared(config: PostgresConfig): Database {
  const sql = postgres({ ...postgresOptions(config), prepare: true } as postgres.Options<Record<string, never>>);
  const db = drizzle(sql, { schema }) as unknown as AppDrizzle;
  const raw = postgresQueryable(sql);
  return {
    kind: 'postgres',
    drizzle: db,
    query: raw.query,
    transaction: (fn) => db.transaction(async (tx) => fn({ drizzle: tx as unknown as AppDrizzle, ...rawClientOf('postgres', tx) })),
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
