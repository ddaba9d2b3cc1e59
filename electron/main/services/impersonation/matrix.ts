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
import type { CatalogPolicy, CatalogTable } from '../../../../shared/catalog';
import type { Queryable } from '../../db/driver';
import { readCatalog } from '../../db/introspect/catalog';
import { type EffectivePrivileges, readEffectivePrivileges, readUserSchemas } from '../../db/introspect/privileges';
import { quoteIdent } from '../../db/quote';

/** The roles policies are written for, in the order the matrix shows them. */
export const matrixRoles = ['authenticated', 'support', 'admin', 'anon'] as const;

/** Schemas the matrix leaves out: the migration ledger and the auth helpers. */
const notMatrixSchemas = new Set(['drizzle', 'auth']);

const domainOf = new Map(allTables.map((t) => [t.name, t.domain as string]));
const key = (schema: string, table: string, role: string) => `${schema}\u0000${table}\u0000${role}`;

/**
 * table × command × role, read from the catalog (policies, privileges, RLS flags) — what the
 * database says, not what the schema files intend. Tables, policies and roles come from the
 * shared catalog reader (db/introspect, the one module that reads pg_catalog); only the
 * effective privileges (membership, PUBLIC) are asked of the server beside it. Holes are the
 * combinations that usually mean a mistake: RLS on with no policy, policies on a table with RLS
 * off, a write allowed where reading is not, a policy for a role that has no grant (it can
 * never apply).
 */
export async function readPolicyMatrix(db: Queryable, signal?: AbortSignal, options: { ourDomains?: boolean } = {}): Promise<PolicyMatrix> {
  // On a database this project does not manage, tables group by their schema: a `customer` table
  // is not filed under our customer domain because of its name.
  const ours = options.ourDomains ?? true;
  const schemas = (await readUserSchemas(db, signal)).filter((s) => !notMatrixSchemas.has(s));
  const catalog = schemas.length ? await readCatalog(db, { schemas, ...(signal ? { signal } : {}) }) : { tables: [], roles: [] };
  const roles = new Set(catalog.roles.map((r) => r.name));
  const present = matrixRoles.filter((r) => roles.has(r));
  const tables = catalog.tables.filter((t) => t.kind !== 'foreign');
  const grantOf = new Map((await readEffectivePrivileges(db, schemas, present, signal)).map((g) => [key(g.schema, g.table, g.role), g]));
  const byDomain = new Map<string, MatrixTable[]>();
  for (const t of tables) {
    const own = t.policies.map((p) => toPolicy(t, p));
    const cells: MatrixTable['cells'] = {};
    for (const role of present) {
      const g = grantOf.get(key(t.schema, t.name, role));
      const row = {} as Record<Command, MatrixCell>;
      for (const command of commands) row[command] = cellFor(t, role, command, g, own);
      cells[role] = row;
    }
    const domain = t.schema === 'public' && ours ? (domainOf.get(t.name) ?? 'other') : t.schema;
    const entry: MatrixTable = {
      schema: t.schema,
      table: t.name,
      domain,
      rlsEnabled: t.rlsEnabled,
      rlsForced: t.rlsForced,
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

function toPolicy(t: CatalogTable, p: CatalogPolicy): MatrixPolicy {
  const sql =
    `CREATE POLICY ${quoteIdent(p.name)} ON ${quoteIdent(t.schema)}.${quoteIdent(t.name)}\n` +
    `  AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command}\n` +
    `  TO ${p.roles.map((r) => (r === 'public' ? r : quoteIdent(r))).join(', ')}` +
    (p.using !== null ? `\n  USING (${p.using})` : '') +
    (p.withCheck !== null ? `\n  WITH CHECK (${p.withCheck})` : '') +
    ';';
  return { name: p.name, permissive: p.permissive, command: p.command, roles: p.roles, using: p.using, withCheck: p.withCheck, sql };
}

function appliesTo(p: MatrixPolicy, role: string, command: Command): boolean {
  return (p.command === 'ALL' || p.command.toLowerCase() === command) && (p.roles.includes(role) || p.roles.includes('public'));
}

const trueExpr = (e: string | null) => e === null || e.trim().toLowerCase() === 'true';

function cellFor(t: CatalogTable, role: string, command: Command, g: EffectivePrivileges | undefined, own: MatrixPolicy[]): MatrixCell {
  const table = g ? g[command] : false;
  const cols = g ? { select: g.selectColumns, insert: g.insertColumns, update: g.updateColumns, delete: false }[command] : false;
  const grant = table ? 'table' : cols ? 'columns' : 'none';
  const applying = own.filter((p) => appliesTo(p, role, command));
  const permissive = applying.filter((p) => p.permissive);
  let state: CellState;
  if (grant === 'none') state = 'no-grant';
  else if (!t.rlsEnabled) state = 'rls-off';
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

function holesOf(t: CatalogTable, own: MatrixPolicy[], cells: MatrixTable['cells']): MatrixHole[] {
  const holes: MatrixHole[] = [];
  if (t.rlsEnabled && own.length === 0) {
    holes.push({ code: 'rls-on-no-policy', message: 'Row-level security is on but no policy exists: every non-owner sees and changes nothing.' });
  }
  if (!t.rlsEnabled && own.length > 0) {
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
