import { decideManaged, type ManagedInfo } from '../../../../shared/managed';
import type { Queryable } from '../../db/driver';
import { readHistory } from '../migrations/status';

// The facts `decideManaged` needs, read from the catalog and drizzle's ledger in three queries.

const schemasSql = `
select n.nspname::text as name
  from pg_namespace n
 where n.nspname not in ('information_schema', 'drizzle') and n.nspname not like 'pg\\_%'
   and has_schema_privilege(n.oid, 'USAGE')
 order by n.nspname = 'public' desc, n.nspname`;

const relationsSql = `
select n.nspname::text as schema, c.relname::text as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p', 'v', 'm', 'f') and n.nspname not in ('information_schema', 'drizzle')
   and n.nspname not like 'pg\\_%'`;

export async function readManaged(
  db: Queryable,
  ours: { hashes: ReadonlySet<string>; tables: readonly string[] },
  signal?: AbortSignal,
): Promise<ManagedInfo> {
  const options = signal ? { signal } : {};
  const [history, schemas, relations] = await Promise.all([
    readHistory(db, signal),
    db.query<{ name: string }>(schemasSql, [], options),
    db.query<{ schema: string; name: string }>(relationsSql, [], options),
  ]);
  return decideManaged({
    ledgerHashes: history?.map((h) => h.hash) ?? null,
    ourHashes: ours.hashes,
    publicTables: relations.rows.filter((r) => r.schema === 'public').map((r) => r.name),
    userRelations: relations.rows.length,
    ourTables: ours.tables,
    schemas: schemas.rows.map((r) => r.name),
  });
}
