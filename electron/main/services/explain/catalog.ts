import type { Command } from '../../../../shared/ipc/contracts/impersonation';
import type { Explanation, ExplainPolicy } from '../../../../shared/ipc/contracts/explain';
import type { Queryable } from '../../db/driver';
import { fail } from '../../db/errors';
import { qualified, quoteIdent } from '../../db/quote';
import type { DefinerInfo } from './verdict';

export interface ColumnInfo {
  name: string;
  type: string;
  /** pg_get_expr of the column default, or null. */
  default: string | null;
  generated: boolean;
  /** Column privilege for the command (SELECT for DELETE: there is no column-level DELETE). */
  granted: boolean;
  selectGranted: boolean;
}

/** Everything the explainer reads as the connection's own role, in one read-only snapshot. */
export interface CatalogFacts {
  table: Explanation['table'];
  role: Explanation['role'];
  schemaUsage: boolean;
  tableGrant: boolean;
  columns: ColumnInfo[];
  primaryKey: string[];
  policies: ExplainPolicy[];
  otherPolicies: string[];
  definers: DefinerInfo[];
}

const kinds: Record<string, Explanation['table']['kind']> = { r: 'table', p: 'partitioned', v: 'view', m: 'materialized', f: 'foreign' };
const commandOf: Record<string, string> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };

interface TableRow {
  oid: number;
  relkind: string;
  rls: boolean;
  forced: boolean;
  owner: string;
  invoker: boolean;
  rolsuper: boolean;
  rolbypassrls: boolean;
  owned: boolean;
  usage: boolean;
  table_priv: boolean;
}

interface PolicyRow {
  name: string;
  permissive: boolean;
  cmd: string;
  roles: string[] | string;
  using_expr: string | null;
  check_expr: string | null;
  to_public: boolean;
  via: string[] | string;
  definers: string[] | string;
}

/** PGlite hands some arrays back as `{a,b}` text. */
function arr(v: string[] | string | null): string[] {
  if (Array.isArray(v)) return v;
  if (!v || v === '{}') return [];
  return v.replace(/^\{|\}$/g, '').split(',').map((s) => s.replace(/^"|"$/g, ''));
}

/**
 * The live catalog for (table, role, command): RLS flags, owner, the role's SUPERUSER /
 * BYPASSRLS / ownership (pg_has_role USAGE = "has the privileges of", as PostgreSQL's own
 * owner check), table and column grants, and every policy with its deparsed expressions.
 * A policy applies when it is TO PUBLIC or to a role whose privileges the role has
 * (check_role_for_policy). SECURITY DEFINER helpers come from pg_depend: CREATE POLICY records
 * a dependency on every function its expressions call, so no expression parsing is needed.
 */
export async function readCatalog(q: Queryable, schema: string, table: string, pgRole: string, command: Command): Promise<CatalogFacts> {
  const privilege = command.toUpperCase();
  const t = (
    await q.query<TableRow>(
      `select c.oid::int as oid, c.relkind::text as relkind, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
              pg_get_userbyid(c.relowner)::text as owner,
              coalesce(array_to_string(c.reloptions, ',') ~* 'security_invoker=(true|on|1|yes)', false) as invoker,
              r.rolsuper, r.rolbypassrls, pg_has_role(r.oid, c.relowner, 'USAGE') as owned,
              has_schema_privilege(r.oid, n.oid, 'USAGE') as usage,
              has_table_privilege(r.oid, c.oid, $4) as table_priv
         from pg_class c join pg_namespace n on n.oid = c.relnamespace, pg_roles r
        where n.nspname = $1 and c.relname = $2 and r.rolname = $3`,
      [schema, table, pgRole, privilege],
    )
  ).rows[0];
  if (!t) fail('validation', `No table ${schema}.${table} (or no role ${pgRole}) in this database.`);
  const columnPrivilege = command === 'delete' ? 'SELECT' : privilege;
  // The three reads depend only on the table's oid: sent together (postgres.js pipelines them on
  // the transaction's connection; the server runs them in order), one round trip instead of three.
  const [columnRows, keyRows, policyRows] = await Promise.all([
    q.query<{ name: string; type: string; def: string | null; generated: boolean; granted: boolean; select_granted: boolean }>(
      `select a.attname::text as name, format_type(a.atttypid, a.atttypmod) as type,
              pg_get_expr(d.adbin, d.adrelid) as def, a.attgenerated <> '' as generated,
              has_column_privilege($2::text, a.attrelid, a.attnum, $3) as granted,
              has_column_privilege($2::text, a.attrelid, a.attnum, 'SELECT') as select_granted
         from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = $1 and a.attnum > 0 and not a.attisdropped
        order by a.attnum`,
      [t.oid, pgRole, columnPrivilege],
    ),
    q.query<{ name: string }>(
      `select a.attname::text as name
         from pg_index i, unnest(i.indkey) with ordinality as k(attnum, ord), pg_attribute a
        where i.indrelid = $1 and i.indisprimary and a.attrelid = i.indrelid and a.attnum = k.attnum
        order by k.ord`,
      [t.oid],
    ),
    q.query<PolicyRow>(
      `select p.polname::text as name, p.polpermissive as permissive, p.polcmd::text as cmd,
              array(select case when x = 0 then 'public' else pg_get_userbyid(x)::text end from unnest(p.polroles) x order by 1)::text[] as roles,
              pg_get_expr(p.polqual, p.polrelid) as using_expr, pg_get_expr(p.polwithcheck, p.polrelid) as check_expr,
              0::oid = any(p.polroles) as to_public,
              array(select pg_get_userbyid(x)::text from unnest(p.polroles) x
                     where x <> 0 and pg_has_role($2::text, x, 'USAGE') order by 1)::text[] as via,
              array(select distinct n.nspname || '.' || f.proname
                      from pg_depend d join pg_proc f on f.oid = d.refobjid join pg_namespace n on n.oid = f.pronamespace
                     where d.classid = 'pg_policy'::regclass and d.objid = p.oid
                       and d.refclassid = 'pg_proc'::regclass and f.prosecdef order by 1)::text[] as definers
         from pg_policy p where p.polrelid = $1 order by p.polname`,
      [t.oid, pgRole],
    ),
  ]);
  const columns = columnRows.rows.map((c) => ({
    name: c.name,
    type: c.type,
    default: c.def,
    generated: c.generated,
    granted: c.granted,
    selectGranted: c.select_granted,
  }));
  const primaryKey = keyRows.rows.map((r) => r.name);
  const policies = policyRows.rows;
  const applying: ExplainPolicy[] = [];
  const other: string[] = [];
  for (const p of policies) {
    const cmd = commandOf[p.cmd] ?? p.cmd;
    const via = arr(p.via);
    const forRole = p.to_public || via.length > 0;
    // Which commands' stages use it is decided by the stages (stages.ts); here: the role.
    if (!forRole) {
      other.push(p.name);
      continue;
    }
    applying.push({
      name: p.name,
      permissive: p.permissive,
      command: cmd,
      roles: arr(p.roles),
      via: p.to_public ? 'PUBLIC' : via.includes(pgRole) ? pgRole : `member of ${via.join(', ')}`,
      using: p.using_expr,
      withCheck: p.check_expr,
      definers: arr(p.definers),
    });
  }
  const definerNames = [...new Set(applying.flatMap((p) => p.definers))];
  const definers = definerNames.length
    ? (
        await q.query<DefinerInfo>(
          `select distinct n.nspname || '.' || f.proname as name, pg_get_userbyid(f.proowner)::text as owner,
                  (r.rolsuper or r.rolbypassrls) as "ownerBypasses"
             from pg_proc f join pg_namespace n on n.oid = f.pronamespace join pg_roles r on r.oid = f.proowner
            where f.prosecdef and n.nspname || '.' || f.proname = any($1::text[]) order by 1`,
          [definerNames],
        )
      ).rows
    : [];
  return {
    table: {
      schema,
      table,
      kind: kinds[t.relkind] ?? 'other',
      owner: t.owner,
      rlsEnabled: t.rls,
      rlsForced: t.forced,
      securityInvoker: t.invoker,
    },
    role: { superuser: t.rolsuper, bypassrls: t.rolbypassrls, owner: t.owned },
    schemaUsage: t.usage,
    tableGrant: t.table_priv,
    columns,
    primaryKey,
    policies: applying,
    otherPolicies: other,
    definers,
  };
}

/** `t.k1 = $n::type and …`: the row by its primary key, values bound and cast to the key's types. */
export function keyPredicate(facts: CatalogFacts, key: readonly string[], first: number, alias: string): string {
  if (facts.primaryKey.length === 0) fail('validation', `${facts.table.schema}.${facts.table.table} has no primary key: choose a table with one.`);
  if (key.length !== facts.primaryKey.length) fail('validation', `The key needs ${facts.primaryKey.length} value(s): ${facts.primaryKey.join(', ')}.`);
  return facts.primaryKey
    .map((col, i) => {
      const type = facts.columns.find((c) => c.name === col)?.type ?? 'text';
      return `${alias}.${quoteIdent(col)} = $${first + i}::${type}`;
    })
    .join(' and ');
}

export const tableName = (facts: CatalogFacts) => qualified(facts.table.schema, facts.table.table);

/**
 * The existing row and the proposed new one as jsonb text, read as the connection's own role
 * (which bypasses RLS: the identity may not see the row, which is the point). Text end to end:
 * drivers would round big numbers or shift timestamps. Proposed values are text; json/jsonb
 * columns take them as JSON, others through the column type's input function.
 */
export async function readRows(
  q: Queryable,
  facts: CatalogFacts,
  key: readonly string[] | undefined,
  values: Readonly<Record<string, string | null>>,
): Promise<{ existing: string | null; found: boolean; overrides: string }> {
  const names = Object.keys(values);
  for (const n of names) if (!facts.columns.some((c) => c.name === n)) fail('validation', `No column "${n.slice(0, 128)}" in ${facts.table.table}.`);
  const jsonColumns = names.filter((n) => /^jsonb?$/.test(facts.columns.find((c) => c.name === n)?.type ?? ''));
  const overrides = (
    await q.query<{ o: string }>(
      `select coalesce(jsonb_object_agg(k, case when k = any($3::text[]) then v::jsonb else to_jsonb(v) end), '{}'::jsonb)::text as o
         from unnest($1::text[], $2::text[]) as u(k, v)`,
      [names, names.map((n) => values[n] ?? null), jsonColumns],
    )
  ).rows[0]?.o ?? '{}';
  if (!key) return { existing: null, found: false, overrides };
  const alias = quoteIdent('t');
  const row = (
    await q.query<{ r: string }>(`select to_jsonb(${alias})::text as r from only ${tableName(facts)} as ${alias} where ${keyPredicate(facts, key, 1, alias)}`, [...key])
  ).rows[0];
  return { existing: row?.r ?? null, found: !!row, overrides };
}
