import type { Queryable } from '../../db/driver';

// Has the catalog changed since we read it? One cheap query instead of a full re-read: for each
// system catalog a diagram, the table info or the completion list is built from, its row count
// and the newest row version (xmin). Any DDL inserts, deletes or updates rows there (CREATE,
// DROP, ALTER, COMMENT, GRANT, CREATE POLICY, ALTER TYPE ... ADD VALUE), so one of the numbers
// moves; ANALYZE and autovacuum update pg_class in place and move none, so statistics alone never
// cause a re-read. Roles come from a view (no xmin): their attributes are hashed instead.
// Measured on PGlite with 3,000 tables: ~40 ms, against ~1 s for the catalog itself.

const catalogs = [
  'pg_namespace',
  'pg_class',
  'pg_attribute',
  'pg_attrdef',
  'pg_constraint',
  'pg_index',
  'pg_inherits',
  'pg_policy',
  'pg_description',
  'pg_type',
  'pg_enum',
] as const;

const countAndNewest = (table: string) => `(select count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text from pg_catalog.${table})`;

export const fingerprintSql = `
select concat_ws('/', ${catalogs.map(countAndNewest).join(', ')},
       (select md5(string_agg(concat_ws(',', rolname, rolsuper, rolbypassrls, rolcanlogin, rolinherit), ';' order by rolname)) from pg_catalog.pg_roles)
       ) as fingerprint`;

export async function readFingerprint(db: Queryable, signal?: AbortSignal): Promise<string> {
  const { rows } = await db.query<{ fingerprint: string }>(fingerprintSql, [], signal ? { signal } : {});
  return rows[0]?.fingerprint ?? '';
}
