import { is } from 'drizzle-orm';
import { PgRole, getTableConfig } from 'drizzle-orm/pg-core';
import { allTables } from './domains';
import { pgAppRoles } from './schema/roles';

// Table privileges per role, DERIVED from the policies: a role gets exactly the commands some
// policy grants it on that table (FOR ALL = all four). drizzle-kit emits no GRANTs, and without
// them an RLS query fails with 42501 whatever the policies say; granting nothing beyond the
// policies keeps "no grant" (42501) and "policy hides the row" (0 rows) distinct per command.
// The grants migration (0002) is this list printed; MIG-00 checks the database against it.

export type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
export const privileges: readonly Privilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

export interface TableGrant {
  table: string;
  role: string;
  privilege: Privilege;
  /** Column-level grant; the whole table when absent. */
  columns?: readonly string[];
}

/**
 * Column-level narrowing. RLS is row-level only: with a table-wide UPDATE a user could change
 * their own `role` or `banned`, a ticket creator its assignee, and `select *` on `account` would
 * hand out tokens and password hashes.
 */
export const columnGrants: Readonly<Record<string, Readonly<Record<string, Partial<Record<Privilege, readonly string[]>>>>>> = {
  user: { authenticated: { UPDATE: ['name', 'image', 'updated_at'] } },
  account: {
    authenticated: {
      SELECT: ['id', 'account_id', 'provider_id', 'user_id', 'access_token_expires_at', 'refresh_token_expires_at', 'scope', 'created_at', 'updated_at'],
    },
  },
  ticket: { authenticated: { UPDATE: ['subject', 'description', 'status', 'category', 'closed_at', 'updated_at'] } },
};

const commandPrivileges = (command: string | undefined): Privilege[] =>
  command === undefined || command === 'all' ? [...privileges] : [command.toUpperCase() as Privilege];

const roleNames = (to: unknown): string[] => {
  const list = Array.isArray(to) ? to : [to ?? 'public'];
  return list.map((r) => (is(r, PgRole) ? r.name : String(r)));
};

/** Every grant the policies call for, sorted by table, role, privilege. */
export function derivedGrants(): TableGrant[] {
  const out: TableGrant[] = [];
  for (const { name, table } of allTables) {
    const wanted = new Map<string, Set<Privilege>>();
    for (const policy of getTableConfig(table).policies) {
      for (const role of roleNames(policy.to)) {
        const set = wanted.get(role) ?? new Set<Privilege>();
        for (const p of commandPrivileges(policy.for)) set.add(p);
        wanted.set(role, set);
      }
    }
    for (const role of pgAppRoles) {
      for (const privilege of privileges) {
        if (!wanted.get(role)?.has(privilege)) continue;
        const columns = columnGrants[name]?.[role]?.[privilege];
        out.push(columns ? { table: name, role, privilege, columns } : { table: name, role, privilege });
      }
    }
  }
  return out;
}

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** The GRANT statements of the grants migration, one per table and role. */
export function grantStatements(grants: readonly TableGrant[] = derivedGrants()): string[] {
  const statements: string[] = [];
  const byTableRole = new Map<string, TableGrant[]>();
  for (const g of grants) {
    const key = `${g.table}\u0000${g.role}`;
    byTableRole.set(key, [...(byTableRole.get(key) ?? []), g]);
  }
  for (const list of byTableRole.values()) {
    const { table, role } = list[0] as TableGrant;
    const parts = list.map((g) => (g.columns ? `${g.privilege} (${g.columns.map(q).join(', ')})` : g.privilege));
    statements.push(`GRANT ${parts.join(', ')} ON TABLE "public".${q(table)} TO ${q(role)};`);
  }
  return statements;
}
