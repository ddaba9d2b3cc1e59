// The pg_catalog queries behind `readCatalog`. Every one takes the schema names (text[]) as $1 and only
// reads the catalog (no information_schema: its views filter by privilege and are slow). Arrays
// are cast to text[] so both drivers parse them the same way; "char" columns are cast to text.

const inSchema = `n.nspname = any($1::text[]) and c.relkind in ('r', 'p', 'f')`;

export const tablesSql = `
select n.nspname::text as schema_name,
       c.relname as name,
       c.relkind::text as kind,
       (select pn.nspname || '.' || pc.relname from pg_inherits i join pg_class pc on pc.oid = i.inhparent
          join pg_namespace pn on pn.oid = pc.relnamespace where i.inhrelid = c.oid and c.relispartition limit 1) as partition_of,
       (select array_agg(pn.nspname || '.' || pc.relname order by i.inhseqno) from pg_inherits i join pg_class pc on pc.oid = i.inhparent
          join pg_namespace pn on pn.oid = pc.relnamespace where i.inhrelid = c.oid and not c.relispartition)::text[] as inherits_from,
       pg_get_userbyid(c.relowner) as owner,
       c.relrowsecurity as rls_enabled,
       c.relforcerowsecurity as rls_forced,
       c.reltuples::float8 as estimated_rows,
       c.relacl is null as default_acl,
       obj_description(c.oid, 'pg_class') as comment
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where ${inSchema}
 order by n.nspname, c.relname`;

export const columnsSql = `
select n.nspname::text as schema_name, c.relname as table_name,
       a.attname as name,
       a.attnum::int as ordinal,
       format_type(a.atttypid, a.atttypmod) as type,
       t.typname::text as udt,
       t.typcategory::text as category,
       not a.attnotnull as nullable,
       pg_get_expr(d.adbin, d.adrelid) as default_expr,
       a.attidentity::text as identity,
       a.attgenerated::text as generated,
       case when t.typtype = 'e' then (select array_agg(e.enumlabel::text order by e.enumsortorder)
          from pg_enum e where e.enumtypid = a.atttypid)::text[] end as enum_values,
       ds.description as comment
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid
  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
  left join pg_description ds on ds.objoid = c.oid and ds.classoid = 'pg_class'::regclass and ds.objsubid = a.attnum
 where ${inSchema} and a.attnum > 0 and not a.attisdropped
 order by c.relname, a.attnum`;

export const constraintsSql = `
select n.nspname::text as schema_name, c.relname as table_name,
       con.conname as name,
       con.contype::text as type,
       coalesce((select array_agg(a.attname::text order by k.ord)
                   from unnest(con.conkey) with ordinality as k(attnum, ord)
                   join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum), '{}')::text[] as columns,
       fn.nspname::text as ref_schema,
       fc.relname::text as ref_table,
       coalesce((select array_agg(a.attname::text order by k.ord)
                   from unnest(con.confkey) with ordinality as k(attnum, ord)
                   join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum), '{}')::text[] as ref_columns,
       con.confdeltype::text as on_delete,
       con.confupdtype::text as on_update,
       pg_get_constraintdef(con.oid) as definition
  from pg_constraint con
  join pg_class c on c.oid = con.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  left join pg_class fc on fc.oid = con.confrelid
  left join pg_namespace fn on fn.oid = fc.relnamespace
 where ${inSchema} and con.contype in ('p', 'f', 'u', 'c', 'x')
 order by c.relname, con.conname`;

export const indexesSql = `
select n.nspname::text as schema_name, c.relname as table_name,
       i.relname as name,
       x.indisunique as is_unique,
       x.indisprimary as is_primary,
       am.amname::text as method,
       pg_get_expr(x.indpred, x.indrelid) as predicate,
       pg_get_indexdef(x.indexrelid) as definition,
       array(select pg_get_indexdef(x.indexrelid, k, true)
               from generate_series(1, x.indnkeyatts::int) as k order by k)::text[] as columns
  from pg_index x
  join pg_class c on c.oid = x.indrelid
  join pg_class i on i.oid = x.indexrelid
  join pg_am am on am.oid = i.relam
  join pg_namespace n on n.oid = c.relnamespace
 where ${inSchema}
 order by c.relname, i.relname`;

export const policiesSql = `
select p.schemaname::text as schema_name, p.tablename::text as table_name,
       p.policyname::text as name,
       p.cmd::text as command,
       p.roles::text[] as roles,
       p.permissive::text as permissive,
       p.qual as using_expr,
       p.with_check as with_check
  from pg_policies p
 where p.schemaname = any($1::text[])
 order by p.tablename, p.policyname`;

/**
 * Table grants from relacl and column grants from attacl. A NULL relacl means the owner's
 * defaults: those come once per owner from `defaultGrantsSql` (expanding them per table sent
 * 21,000 identical rows for 3,000 tables, a quarter of a cold read on PGlite).
 */
export const grantsSql = `
select n.nspname::text as schema_name, c.relname as table_name,
       case when g.grantee = 0 then 'PUBLIC' else pg_get_userbyid(g.grantee) end as grantee,
       g.privilege_type::text as privilege,
       g.is_grantable as grantable,
       null::text as column_name
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  cross join lateral aclexplode(c.relacl) as g
 where ${inSchema} and c.relacl is not null
union all
select n.nspname::text, c.relname, case when g.grantee = 0 then 'PUBLIC' else pg_get_userbyid(g.grantee) end,
       g.privilege_type::text, g.is_grantable, a.attname::text
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace n on n.oid = c.relnamespace
  cross join lateral aclexplode(a.attacl) as g
 where ${inSchema} and a.attnum > 0 and not a.attisdropped and a.attacl is not null
 order by 1, 2, 3, 4, 6`;

/** The default privileges (acldefault) of every owner of a table without an ACL, as the server computes them. */
export const defaultGrantsSql = `
select pg_get_userbyid(o.relowner) as owner,
       case when g.grantee = 0 then 'PUBLIC' else pg_get_userbyid(g.grantee) end as grantee,
       g.privilege_type::text as privilege,
       g.is_grantable as grantable
  from (select distinct c.relowner from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where ${inSchema} and c.relacl is null) o
  cross join lateral aclexplode(acldefault('r', o.relowner)) as g
 order by 1, 2, 3`;

export const rolesSql = `
select r.rolname::text as name, r.rolsuper as superuser, r.rolbypassrls as bypass_rls,
       r.rolcanlogin as can_login, r.rolinherit as inherit, current_user::text as current_user_name
  from pg_roles r
 where r.rolname !~ '^pg_'
 order by r.rolname`;

/** Every user schema, whatever the login may use (the policy matrix lists them all). */
export const userSchemasSql = `
select n.nspname::text as name
  from pg_namespace n
 where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
 order by n.nspname`;

/**
 * What each of the roles ($2) may do on every table and partitioned table of the schemas ($1),
 * as the server decides it (membership, PUBLIC, column grants): has_*_privilege, not the ACL text
 * `grantsSql` returns.
 */
export const effectivePrivilegesSql = `
select n.nspname::text as schema_name, c.relname::text as table_name, r.role,
       has_table_privilege(r.role, c.oid, 'SELECT') as s, has_table_privilege(r.role, c.oid, 'INSERT') as i,
       has_table_privilege(r.role, c.oid, 'UPDATE') as u, has_table_privilege(r.role, c.oid, 'DELETE') as d,
       has_any_column_privilege(r.role, c.oid, 'SELECT') as sc, has_any_column_privilege(r.role, c.oid, 'INSERT') as ic,
       has_any_column_privilege(r.role, c.oid, 'UPDATE') as uc
  from pg_class c join pg_namespace n on n.oid = c.relnamespace, unnest($2::text[]) as r(role)
 where n.nspname = any($1::text[]) and c.relkind in ('r', 'p')`;
