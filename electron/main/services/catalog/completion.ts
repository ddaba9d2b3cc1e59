import type { Queryable } from '../../db/driver';

export interface CompletionTable {
  schema: string;
  name: string;
  columns: string[];
}

// Tables, partitioned tables, views, materialized views and foreign tables of every user schema.
// `visibleOnly`: only relations (and columns) the CURRENT role may select; the caller runs it as
// the identity, so PostgreSQL's privilege functions decide, not a list of ours.
const completionSql = (visibleOnly: boolean) => `
select n.nspname::text as schema, c.relname::text as name,
       coalesce(array_agg(a.attname::text order by a.attnum)
                  filter (where a.attnum > 0 ${visibleOnly ? `and has_column_privilege(c.oid, a.attnum, 'SELECT')` : ''}), '{}')::text[] as columns
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
 where c.relkind in ('r', 'p', 'v', 'm', 'f') and n.nspname not in ('pg_catalog', 'information_schema')
   and n.nspname not like 'pg\\_%'
   ${visibleOnly ? `and has_schema_privilege(n.oid, 'USAGE') and has_any_column_privilege(c.oid, 'SELECT')` : ''}
 group by 1, 2 order by 1, 2`;

export async function readCompletion(db: Queryable, visibleOnly: boolean, signal?: AbortSignal): Promise<CompletionTable[]> {
  const result = await db.query<{ schema: string; name: string; columns: string[] | string }>(completionSql(visibleOnly), [], signal ? { signal } : {});
  return result.rows.map((r) => ({
    schema: r.schema,
    name: r.name,
    columns: Array.isArray(r.columns) ? r.columns : String(r.columns).replace(/^\{|\}$/g, '').split(',').filter(Boolean),
  }));
}
