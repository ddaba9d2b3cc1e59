import { allTables } from '@repo/database/domains';
import {
  type CellState,
  type Command,
  commands,
  type MatrixCell,
  type MatrixHole,
  type MatrixPolicy,
  type MatrixTable,
  type PolicyMatrix,
} from '../../../../shared/ipc/contracts/impersonation';
import type { Queryable } from '../../db/driver';
import { quoteIdent } from '../../db/quote';

/** The roles policies are written for, in the order the matrix shows them. */
export const matrixRoles = ['authenticated', 'support', 'admin', 'anon'] as const;

interface TableRow {
  oid: number;
  schema: string;
  table: string;
  rls: boolean;
  forced: boolean;
  owner: string;
}

interface PolicyRow {
  schemaname: string;
  tablename: string;
  policyname: string;
  permissive: string;
  roles: string[] | string;
  cmd: string;
  qual: string | null;
  with_check: string | null;
}

interface GrantRow {
  oid: number;
  role: string;
  s: boolean;
  i: boolean;
  u: boolean;
  d: boolean;
  sc: boolean;
  ic: boolean;
  uc: boolean;
}

const domainOf = new Map(allTables.map((t) => [t.name, t.domain as string]));

/**
 * table × command × role, read from the catalog (pg_policies, privileges, RLS flags) — what the
 * database says, not what the schema files intend. Holes are the combinations that usually
 * mean a mistake: RLS on with no policy, policies on a table with RLS off, a write allowed where
 * reading is not, a policy for a role that has no grant (it can never apply).
 */
export async function readPolicyMatrix(db: Queryable, signal?: AbortSignal, options: { ourDomains?: boolean } = {}): Promise<PolicyMatrix> {
  // On a database this project does not manage, tables group by their schema: a `customer` table
  // is not filed under our customer domain because of its name.
  const ours = options.ourDomains ?? true;
  const roles = (
    await db.query<{ rolname: string }>(`select rolname from pg_roles where rolname = any($1::text[])`, [[...matrixRoles]], { signal })
  ).rows.map((r) => r.rolname);
  const present = matrixRoles.filter((r) => roles.includes(r));
  const tables = (
    await db.query<TableRow>(
      `select c.oid::int as oid, n.nspname as schema, c.relname as table, c.relrowsecurity as rls,
              c.relforcerowsecurity as forced, pg_get_userbyid(c.relowner) as owner
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'drizzle', 'auth')
          and n.nspname not like 'pg\\_%'
        order by 2, 3`,
      [],
      { signal },
    )
  ).rows;
  const policies = (
    await db.query<PolicyRow>(
      `select schemaname, tablename, policyname, permissive, roles::text[] as roles, cmd, qual, with_check
         from pg_policies order by schemaname, tablename, policyname`,
      [],
      { signal },
    )
  ).rows;
  const grants = present.length
    ? (
        await db.query<GrantRow>(
          `select c.oid::int as oid, r.role,
                  has_table_privilege(r.role, c.oid, 'SELECT') as s, has_table_privilege(r.role, c.oid, 'INSERT') as i,
                  has_table_privilege(r.role, c.oid, 'UPDATE') as u, has_table_privilege(r.role, c.oid, 'DELETE') as d,
                  has_any_column_privilege(r.role, c.oid, 'SELECT') as sc, has_any_column_privilege(r.role, c.oid, 'INSERT') as ic,
                  has_any_column_privilege(r.role, c.oid, 'UPDATE') as uc
             from pg_class c join pg_namespace n on n.oid = c.relnamespace, unnest($1::text[]) as r(role)
            where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema', 'drizzle', 'auth')
              and n.nspname not like 'pg\\_%'`,
          [present],
          { signal },
        )
      ).rows
    : [];
  const grantOf = new Map(grants.map((g) => [`${g.oid}\u0000${g.role}`, g]));
  const byDomain = new Map<string, MatrixTable[]>();
  for (const t of tables) {
    const own = policies
      .filter((p) => p.schemaname === t.schema && p.tablename === t.table)
      .map((p) => toPolicy(t, p));
    const cells: MatrixTable['cells'] = {};
    for (const role of present) {
      const g = grantOf.get(`${t.oid}\u0000${role}`);
      const row = {} as Record<Command, MatrixCell>;
      for (const command of commands) row[command] = cellFor(t, role, command, g, own);
      cells[role] = row;
    }
    const domain = t.schema === 'public' && ours ? (domainOf.get(t.table) ?? 'other') : t.schema;
    const entry: MatrixTable = {
      schema: t.schema,
      table: t.table,
      domain,
      rlsEnabled: t.rls,
      rlsForced: t.forced,
      owner: t.owner,
      cells,
      policies: own,
      holes: holesOf(t, own, cells),
    };
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), entry]);
  }
  const order = [...new Set([...allTables.map((t) => t.domain as string), ...byDomain.keys()])];
  return {
    roles: [...present],
    domains: order.filter((d) => byDomain.has(d)).map((domain) => ({ domain, tables: byDomain.get(domain) ?? [] })),
  };
}

function toPolicy(t: TableRow, p: PolicyRow): MatrixPolicy {
  const roles = Array.isArray(p.roles) ? p.roles : parsePgArray(p.roles);
  const permissive = p.permissive.toUpperCase() === 'PERMISSIVE';
  const sql =
    `CREATE POLICY ${quoteIdent(p.policyname)} ON ${quoteIdent(t.schema)}.${quoteIdent(t.table)}\n` +
    `  AS ${permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.cmd}\n` +
    `  TO ${roles.map((r) => (r === 'public' ? r : quoteIdent(r))).join(', ')}` +
    (p.qual !== null ? `\n  USING (${p.qual})` : '') +
    (p.with_check !== null ? `\n  WITH CHECK (${p.with_check})` : '') +
    ';';
  return { name: p.policyname, permissive, command: p.cmd, roles, using: p.qual, withCheck: p.with_check, sql };
}

/** `{a,b}` text from drivers that do not parse name[] (PGlite returns text for some arrays). */
function parsePgArray(text: string): string[] {
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter((s) => s.length > 0)
    .map((s) => s.replace(/^"|"$/g, ''));
}

function appliesTo(p: MatrixPolicy, role: string, command: Command): boolean {
  return (p.command === 'ALL' || p.command.toLowerCase() === command) && (p.roles.includes(role) || p.roles.includes('public'));
}

const trueExpr = (e: string | null) => e === null || e.trim().toLowerCase() === 'true';

function cellFor(t: TableRow, role: string, command: Command, g: GrantRow | undefined, own: MatrixPolicy[]): MatrixCell {
  const table = g ? { select: g.s, insert: g.i, update: g.u, delete: g.d }[command] : false;
  const cols = g ? { select: g.sc, insert: g.ic, update: g.uc, delete: false }[command] : false;
  const grant = table ? 'table' : cols ? 'columns' : 'none';
  const applying = own.filter((p) => appliesTo(p, role, command));
  const permissive = applying.filter((p) => p.permissive);
  let state: CellState;
  if (grant === 'none') state = 'no-grant';
  else if (!t.rls) state = 'rls-off';
  else if (permissive.length === 0) state = 'no-policy';
  else {
    const unconditional = permissive.some((p) =>
      command === 'insert' ? trueExpr(p.withCheck ?? p.using) : trueExpr(p.using) && (command !== 'update' || trueExpr(p.withCheck ?? p.using)),
    );
    const restricted = applying.some((p) => !p.permissive);
    state = unconditional && !restricted ? 'all' : 'conditional';
  }
  return { state, grant, policies: applying.map((p) => p.name) };
}

function holesOf(t: TableRow, own: MatrixPolicy[], cells: MatrixTable['cells']): MatrixHole[] {
  const holes: MatrixHole[] = [];
  if (t.rls && own.length === 0) {
    holes.push({ code: 'rls-on-no-policy', message: 'Row-level security is on but no policy exists: every non-owner sees and changes nothing.' });
  }
  if (!t.rls && own.length > 0) {
    holes.push({ code: 'policy-rls-off', message: `${own.length} polic${own.length === 1 ? 'y is' : 'ies are'} defined but row-level security is off: they do nothing.` });
  }
  for (const [role, row] of Object.entries(cells)) {
    const canRead = row.select.state !== 'no-grant' && row.select.state !== 'no-policy';
    for (const command of ['update', 'delete'] as const) {
      const cell = row[command];
      if (!canRead && cell.state !== 'no-grant' && cell.state !== 'no-policy') {
        holes.push({ code: 'write-without-read', role, command, message: `${role} may ${command} rows it cannot read.` });
      }
    }
    for (const command of commands) {
      const cell = row[command];
      if (cell.grant === 'none' && cell.policies.length > 0) {
        holes.push({
          code: 'policy-without-grant',
          role,
          command,
          message: `${cell.policies.join(', ')} lets ${role} ${command}, but ${role} has no ${command.toUpperCase()} grant: 42501.`,
        });
      }
    }
    const mentioned = own.some((p) => p.roles.includes(role));
    if (mentioned && commands.every((c) => row[c].grant === 'none')) {
      holes.push({ code: 'role-no-grant', role, message: `${role} has policies on this table but no grant at all.` });
    }
  }
  return holes;
}
