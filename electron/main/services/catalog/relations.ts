import type { TableSummary } from '../../../../shared/ipc/contracts/records';
import type { Queryable } from '../../db/driver';

// The data browser's list: tables, partitioned tables (partitions fold under their parent),
// views, materialized views and foreign tables of every schema the login may use
// (has_schema_privilege), not only `public`. Domains are filled in by the caller, and only on a
// database this project manages: a name alone never files a table under one of our domains.

const relationsSql = `
select n.nspname::text as schema, c.relname::text as name, c.relkind::text as relkind,
       c.reltuples::float8 as estimate, c.relrowsecurity as rls,
       exists (select 1 from pg_index x where x.indrelid = c.oid and x.indisprimary) as pk,
       (select count(*)::int from pg_inherits i join pg_class k on k.oid = i.inhrelid
         where i.inhparent = c.oid and k.relispartition) as partitions
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition
   and n.nspname not in ('information_schema') and n.nspname not like 'pg\\_%'
   and has_schema_privilege(n.oid, 'USAGE')
   and ($1::text is null or n.nspname = $1::text)
 order by n.nspname = 'public' desc, n.nspname, c.relname`;

const kinds = { r: 'table', p: 'partitioned', v: 'view', m: 'matview', f: 'foreign' } as const;

export async function listRelations(db: Queryable, schema: string | null, signal?: AbortSignal): Promise<Omit<TableSummary, 'domain'>[]> {
  const { rows } = await db.query<{ schema: string; name: string; relkind: string; estimate: number; pk: boolean; rls: boolean; partitions: number }>(
    relationsSql,
    [schema],
    signal ? { signal } : {},
  );
  return rows.map((r) => {
    const kind = kinds[r.relkind as keyof typeof kinds] ?? 'table';
    // Views have no statistics of their own; reltuples is 0 or -1 and would mislead.
    const estimate = kind === 'view' || kind === 'foreign' ? -1 : Number(r.estimate);
    return {
      schema: r.schema,
      name: r.name,
      kind,
      estimatedRows: estimate >= 0 ? Math.round(estimate) : null,
      hasPrimaryKey: r.pk === true,
      rlsEnabled: r.rls === true,
      partitions: Number(r.partitions ?? 0),
    };
  });
}
