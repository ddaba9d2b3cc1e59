import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { usageRecord } from '../schema';
import type { SqlTransaction } from '../session';
import { SEED_NOW_MS } from './clock';

// Bulk writing for the seed: multi-row INSERTs through drizzle, in batches that stay well under
// PostgreSQL's 65,535 bind parameters, and an INSERT ... SELECT generate_series path for the
// benchmark-sized usage_record table.

export type Progress = (done: number, total: number, label: string) => void;

export class ProgressCounter {
  done = 0;
  constructor(
    readonly total: number,
    private readonly onProgress?: Progress,
  ) {}

  add(count: number, label: string): void {
    this.done += count;
    this.onProgress?.(this.done, this.total, label);
  }
}

const MAX_PARAMS = 30_000;
const MAX_ROWS = 1_000;

export async function insertRows(tx: SqlTransaction, table: PgTable, rows: readonly Record<string, unknown>[], progress: ProgressCounter): Promise<void> {
  if (rows.length === 0) return;
  const name = getTableConfig(table).name;
  const columns = Object.keys(getTableConfig(table).columns).length;
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    // biome-ignore lint/suspicious/noExplicitAny: rows are typed per table by the generators; the loop is generic.
    await tx.drizzle.insert(table).values(batch as any);
    progress.add(batch.length, name);
  }
}

export interface UsageKey {
  apikeyId: string;
  userId: string;
  organizationId: string | null;
}

/**
 * `count` usage records generated inside the database, deterministic (every value is a function
 * of the row number `g`), in chunks so progress moves. Used when the volume is too large to build
 * in JavaScript (a 1,000,000-row table for the benchmarks).
 */
export async function insertUsageRecordsInDatabase(tx: SqlTransaction, keys: readonly UsageKey[], count: number, progress: ProgressCounter): Promise<void> {
  if (keys.length === 0 || count === 0) return;
  const apikeyIds = keys.map((k) => k.apikeyId);
  const userIds = keys.map((k) => k.userId);
  const orgIds = keys.map((k) => k.organizationId ?? '');
  const chunk = 100_000;
  const table = getTableConfig(usageRecord).name;
  const epoch = new Date(SEED_NOW_MS - 30 * 86_400_000).toISOString().replace('T', ' ').replace('Z', '');
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await tx.query(
      `INSERT INTO "${table}" (id, apikey_id, user_id, organization_id, metric, quantity, endpoint, method, status_code, metadata, created_at)
       SELECT md5('usage:' || g)::uuid::text,
              ($1::text[])[1 + g % cardinality($1::text[])],
              ($2::text[])[1 + g % cardinality($2::text[])],
              nullif(($3::text[])[1 + g % cardinality($3::text[])], ''),
              'api_request', 1,
              (ARRAY['/v1/projects','/v1/users','/v1/events','/v1/reports','/v1/search'])[1 + (g * 7) % 5],
              (ARRAY['GET','GET','GET','POST','PATCH','DELETE'])[1 + (g * 13) % 6],
              (ARRAY[200,200,200,200,201,404,429,500])[1 + (g * 31) % 8],
              jsonb_build_object('latencyMs', 3 + (g * 17) % 900),
              $4::timestamp + make_interval(secs => ((g::bigint * 2654435761) % 2592000)::double precision)
       FROM generate_series($5::int, $6::int) AS g`,
      [apikeyIds, userIds, orgIds, epoch, from, to],
    );
    progress.add(to - from + 1, table);
  }
}
