import { is, type SQL, sql } from 'drizzle-orm';
import { PgDialect, PgRole, getTableConfig } from 'drizzle-orm/pg-core';
import { allTables } from '@repo/database/domains';
import { derivedGrants, type TableGrant } from '@repo/database/grants';
import { pgAppRoles } from '@repo/database/schema/roles';
import { quoteIdent } from '../../db/quote';

/**
 * What the Drizzle schema itself says about access, rendered exactly: every pgPolicy with its
 * USING / WITH CHECK SQL, the RLS flag of each table, and the grants the grants migration is
 * printed from (`derivedGrants`). drizzle-kit push loses policy expressions (it offered
 * `CREATE POLICY … FOR SELECT TO "authenticated";` without USING), so the drift check builds
 * these statements from the definitions instead of taking drizzle-kit's.
 */
export interface ExpectedPolicy {
  schema: string;
  table: string;
  name: string;
  permissive: boolean;
  /** ALL / SELECT / INSERT / UPDATE / DELETE, as pg_policies shows it. */
  command: string;
  roles: string[];
  using: string | null;
  withCheck: string | null;
}

export interface ExpectedTable {
  schema: string;
  table: string;
  rlsEnabled: boolean;
  policies: ExpectedPolicy[];
}

const dialect = new PgDialect();

/** drizzle's own rendering of a policy expression, parameters inlined (a policy cannot hold `$1`). */
function render(expr: SQL | undefined): string | null {
  if (!expr) return null;
  // Wrapped, not `expr.inlineParams()`: that would flip the flag on the schema's shared fragment.
  return dialect.sqlToQuery(sql`${expr}`.inlineParams()).sql;
}

function roleNames(to: unknown): string[] {
  const list = Array.isArray(to) ? to : [to ?? 'public'];
  return list.map((r) => (is(r, PgRole) ? r.name : String(r)));
}

export function expectedTables(): ExpectedTable[] {
  return allTables.map(({ table }) => {
    const config = getTableConfig(table);
    const schema = config.schema ?? 'public';
    const policies = config.policies.map((p) => ({
      schema,
      table: config.name,
      name: p.name,
      permissive: (p.as ?? 'permissive') === 'permissive',
      command: (p.for ?? 'all').toUpperCase(),
      roles: roleNames(p.to),
      using: render(p.using),
      withCheck: render(p.withCheck),
    }));
    // drizzle-kit enables RLS on every table with a policy, or marked `.enableRLS()`.
    return { schema, table: config.name, rlsEnabled: config.enableRLS || policies.length > 0, policies };
  });
}

/** The table as drizzle-kit writes it in migrations: bare in `public`, qualified elsewhere. */
export const tableSql = (schema: string, table: string) => (schema === 'public' ? quoteIdent(table) : `${quoteIdent(schema)}.${quoteIdent(table)}`);

const roleSql = (r: string) => (['public', 'current_user', 'current_role', 'session_user'].includes(r) ? r : quoteIdent(r));

/** The CREATE POLICY statement drizzle-kit generates for this definition (migrations/0001 form). */
export function createPolicySql(p: ExpectedPolicy, name = p.name): string {
  return (
    `CREATE POLICY ${quoteIdent(name)} ON ${tableSql(p.schema, p.table)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} ` +
    `TO ${p.roles.map(roleSql).join(', ')}` +
    (p.using !== null ? ` USING (${p.using})` : '') +
    (p.withCheck !== null ? ` WITH CHECK (${p.withCheck})` : '') +
    ';'
  );
}

export const dropPolicySql = (schema: string, table: string, name: string) => `DROP POLICY ${quoteIdent(name)} ON ${tableSql(schema, table)};`;

/** One (table, role, privilege, column|null) fact per grant; the grants source lists columns per grant. */
export interface GrantFact {
  table: string;
  role: string;
  privilege: string;
  column: string | null;
}

export const grantKey = (g: GrantFact) => `${g.table}\u0000${g.role}\u0000${g.privilege}\u0000${g.column ?? ''}`;

export function expectedGrantFacts(): GrantFact[] {
  return derivedGrants().flatMap((g): GrantFact[] =>
    g.columns ? g.columns.map((column) => ({ table: g.table, role: g.role, privilege: g.privilege, column })) : [{ table: g.table, role: g.role, privilege: g.privilege, column: null }],
  );
}

/** The roles whose grants the schema owns; other roles' privileges are not Warden's to judge. */
export const grantRoles: readonly string[] = pgAppRoles;

/** Missing facts -> TableGrant list in the grants source's order, for `grantStatements`. */
export function asTableGrants(facts: readonly GrantFact[]): TableGrant[] {
  const out: TableGrant[] = [];
  for (const f of facts) {
    const existing = f.column === null ? undefined : out.find((g) => g.table === f.table && g.role === f.role && g.privilege === f.privilege && g.columns);
    if (existing) existing.columns = [...(existing.columns ?? []), f.column!];
    else out.push(f.column === null ? { table: f.table, role: f.role, privilege: f.privilege as TableGrant['privilege'] } : { table: f.table, role: f.role, privilege: f.privilege as TableGrant['privilege'], columns: [f.column] });
  }
  return out;
}
