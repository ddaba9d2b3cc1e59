import type { CatalogPolicy, CatalogTable } from '../../../../shared/catalog';
import type { DriftItem } from '../../../../shared/erd/types';
import { grantStatements } from '@repo/database/grants';
import { toAppError } from '../../db/errors';
import { readCatalog } from '../../db/introspect/catalog';
import { quoteIdent } from '../../db/quote';
import type { RunContext } from '../../db/run-context';
import {
  asTableGrants,
  createPolicySql,
  dropPolicySql,
  type ExpectedPolicy,
  expectedGrantFacts,
  expectedTables,
  type GrantFact,
  grantKey,
  grantRoles,
  tableSql,
} from './expected-access';

/** One access difference between the live database and the Drizzle schema, with the statements that restore the schema's definition. */
export interface AccessDriftItem {
  kind: 'policy' | 'rls' | 'grant';
  table: string;
  name?: string;
  side: 'schema-only' | 'live-only' | 'differs';
  schema?: string;
  live?: string;
  message: string;
  statements: string[];
}

/**
 * What the check needs of a call's run context: catalog reads (READ ONLY) and one write that is
 * always rolled back, READ WRITE only on a writable connection (the context decides, ISO-10).
 */
export type DriftRun = Pick<RunContext, 'readAsLogin' | 'write'>;

export interface AccessDrift {
  items: AccessDriftItem[];
  /** Statements for tables the database lacks entirely (drizzle-kit creates the table first). */
  forMissingTables: string[];
  warnings: string[];
}

type Normalized = Pick<CatalogPolicy, 'permissive' | 'command' | 'roles' | 'using' | 'withCheck'>;
/** Expected policies as the server deparses them (or why it refused one); null on a read-only connection. */
export type NormalizedPolicies = Map<string, Normalized | string> | null;
const policyKey = (table: string, name: string) => `${table}\u0000${name}`;
const shape = (p: Normalized) => JSON.stringify([p.permissive, p.command, [...p.roles].sort(), p.using, p.withCheck]);
const describePolicy = (p: Normalized) =>
  `${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${[...p.roles].sort().join(', ')}` +
  (p.using !== null ? ` USING (${p.using})` : '') +
  (p.withCheck !== null ? ` WITH CHECK (${p.withCheck})` : '');

/**
 * Policies (name, command, roles, USING, WITH CHECK), RLS flags and grants of the schema's
 * tables, compared with the live catalog. Each item carries exact statements built from the
 * schema's own definitions, never drizzle-kit's lossy ones.
 */
export async function checkAccessDrift(run: DriftRun, options: { signal?: AbortSignal; normalized?: NormalizedPolicies } = {}): Promise<AccessDrift> {
  const catalog = await run.readAsLogin((q) => readCatalog(q, options.signal ? { signal: options.signal } : {}));
  const live = new Map(catalog.tables.map((t) => [t.name, t]));
  const expected = expectedTables();
  const normalized =
    options.normalized !== undefined
      ? options.normalized
      : await normalizePolicies(
          run,
          expected.filter((t) => live.has(t.table)).flatMap((t) => t.policies.filter((p) => live.get(t.table)!.policies.some((lp) => lp.name === p.name))),
        );
  const out: AccessDrift = { items: [], forMissingTables: [], warnings: [] };
  if (normalized === null) {
    out.warnings.push('Policy expressions were not compared: this connection is read-only. Unlock writes to let Warden normalize them in a rolled-back transaction.');
  }
  const grants = expectedGrantFacts();
  for (const t of expected) {
    const lt = live.get(t.table);
    const wanted = grants.filter((g) => g.table === t.table);
    if (!lt) {
      if (t.rlsEnabled) out.forMissingTables.push(`ALTER TABLE ${tableSql(t.schema, t.table)} ENABLE ROW LEVEL SECURITY;`);
      out.forMissingTables.push(...t.policies.map((p) => createPolicySql(p)));
      out.forMissingTables.push(...grantStatements(asTableGrants(wanted)));
      continue;
    }
    if (t.rlsEnabled !== lt.rlsEnabled) {
      const verb = t.rlsEnabled ? 'ENABLE' : 'DISABLE';
      out.items.push({
        kind: 'rls',
        table: t.table,
        side: 'differs',
        schema: t.rlsEnabled ? 'enabled' : 'disabled',
        live: lt.rlsEnabled ? 'enabled' : 'disabled',
        message: `Row-level security is ${lt.rlsEnabled ? 'enabled' : 'disabled'} on ${t.table}; the schema ${t.rlsEnabled ? 'enables' : 'does not enable'} it.`,
        statements: [`ALTER TABLE ${tableSql(t.schema, t.table)} ${verb} ROW LEVEL SECURITY;`],
      });
    }
    out.items.push(...policyItems(t.policies, lt, normalized, out.warnings));
    out.items.push(...grantItems(t.schema, t.table, wanted, lt));
  }
  return out;
}

function policyItems(policies: ExpectedPolicy[], lt: CatalogTable, normalized: Map<string, Normalized | string> | null, warnings: string[]): AccessDriftItem[] {
  const items: AccessDriftItem[] = [];
  for (const p of policies) {
    const lp = lt.policies.find((x) => x.name === p.name);
    if (!lp) {
      items.push({ kind: 'policy', table: p.table, name: p.name, side: 'schema-only', message: `Policy ${p.name} is missing on ${p.table}.`, statements: [createPolicySql(p)] });
      continue;
    }
    const n = normalized?.get(policyKey(p.table, p.name));
    if (n === undefined) continue;
    if (typeof n === 'string') {
      warnings.push(`Policy ${p.name} on ${p.table} could not be compared: ${n}`);
      continue;
    }
    if (shape(n) !== shape(lp)) {
      items.push({
        kind: 'policy',
        table: p.table,
        name: p.name,
        side: 'differs',
        schema: describePolicy(n),
        live: describePolicy(lp),
        message: `Policy ${p.name} on ${p.table} differs: the database has ${describePolicy(lp)}; the schema defines ${describePolicy(n)}.`,
        statements: [dropPolicySql(p.schema, p.table, p.name), createPolicySql(p)],
      });
    }
  }
  for (const lp of lt.policies) {
    if (policies.some((p) => p.name === lp.name)) continue;
    items.push({
      kind: 'policy',
      table: lt.name,
      name: lp.name,
      side: 'live-only',
      live: describePolicy(lp),
      message: `Policy ${lp.name} on ${lt.name} is not in the schema.`,
      statements: [dropPolicySql(lt.schema, lt.name, lp.name)],
    });
  }
  return items;
}

function grantItems(schema: string, table: string, wanted: GrantFact[], lt: CatalogTable): AccessDriftItem[] {
  const have: GrantFact[] = lt.grants
    .filter((g) => grantRoles.includes(g.grantee))
    .flatMap((g): GrantFact[] => (g.columns ? g.columns.map((column) => ({ table, role: g.grantee, privilege: g.privilege, column })) : [{ table, role: g.grantee, privilege: g.privilege, column: null }]));
  const haveKeys = new Set(have.map(grantKey));
  const wantKeys = new Set(wanted.map(grantKey));
  const missing = wanted.filter((g) => !haveKeys.has(grantKey(g)));
  const extra = have.filter((g) => !wantKeys.has(grantKey(g)));
  const items: AccessDriftItem[] = [];
  const text = (g: GrantFact) => `${g.privilege}${g.column ? ` (${g.column})` : ''} to ${g.role}`;
  for (const statement of grantStatements(asTableGrants(missing))) {
    const facts = missing.filter((g) => statement.endsWith(`TO ${quoteIdent(g.role)};`));
    items.push({ kind: 'grant', table, side: 'schema-only', message: `${table} lacks ${facts.map(text).join(', ')}.`, statements: [statement] });
  }
  for (const g of extra) {
    const what = g.column ? `${g.privilege} (${quoteIdent(g.column)})` : g.privilege;
    items.push({
      kind: 'grant',
      table,
      side: 'live-only',
      message: `${table} grants ${text(g)}, which the schema does not.`,
      statements: [`REVOKE ${what} ON TABLE ${quoteIdent(schema)}.${quoteIdent(table)} FROM ${quoteIdent(g.role)};`],
    });
  }
  return items;
}

/**
 * The expected policies as PostgreSQL itself deparses them. Each is created under a scratch name
 * on its real table in a transaction that is always rolled back, and read back through the same
 * catalog query as the live ones (pg_get_expr). Both sides then went through the same parser and
 * deparser on the same server (same functions, search_path, casts), so equal definitions give
 * equal text and any difference is real. Comparing drizzle's rendering with pg_get_expr text
 * would flag every policy (`(select auth.uid())` comes back as `( SELECT auth.uid() AS uid)`),
 * and a home-made normalizer would be a second SQL parser. Returns null on a read-only
 * connection (PostgreSQL refuses CREATE POLICY there; Warden does not lift that), and a message
 * per policy the server refused to create.
 */
async function normalizePolicies(run: DriftRun, policies: ExpectedPolicy[]): Promise<Map<string, Normalized | string> | null> {
  if (policies.length === 0) return new Map();
  // Fast path: every policy in one go (one statement each). Only if the server refuses one, again
  // with a savepoint per policy, to tell which one and why.
  const fast = await createAndRead(run, policies, false).catch((err: unknown) => {
    if (toAppError(err).code === '25006') return null;
    return 'retry' as const;
  });
  if (fast !== 'retry') return fast;
  return createAndRead(run, policies, true);
}

async function createAndRead(run: DriftRun, policies: ExpectedPolicy[], savepoints: boolean): Promise<Map<string, Normalized | string> | null> {
  return run.write(async (tx) => {
    // CREATE POLICY locks its table: never wait long behind the app's traffic for a check.
    await tx.query(`select set_config('lock_timeout', '3000ms', true)`);
    const out = new Map<string, Normalized | string>();
    const scratch = new Map<string, ExpectedPolicy>();
    for (const [i, p] of policies.entries()) {
      const name = `warden_expected_${i}`;
      if (!savepoints) {
        await tx.query(createPolicySql(p, name));
        scratch.set(policyKey(p.table, name), p);
        continue;
      }
      await tx.query('savepoint warden_expected');
      try {
        await tx.query(createPolicySql(p, name));
        await tx.query('release savepoint warden_expected');
        scratch.set(policyKey(p.table, name), p);
      } catch (err) {
        await tx.query('rollback to savepoint warden_expected');
        const e = toAppError(err);
        if (e.code === '25006') return null;
        out.set(policyKey(p.table, p.name), `${e.code ? `${e.code}: ` : ''}${e.message}`);
      }
    }
    // All the schema's tables live in one schema (public); the catalog read is per schema.
    const catalog = await readCatalog(tx, { schema: policies[0]!.schema });
    for (const t of catalog.tables) {
      for (const lp of t.policies) {
        const p = scratch.get(policyKey(t.name, lp.name));
        if (p) out.set(policyKey(p.table, p.name), lp);
      }
    }
    return out;
  }, { commit: false });
}

/**
 * The diagram overlay's share: policy and RLS findings as drift items (grants have no place on
 * the diagram). The overlay's own shape comparison already covers names, commands and roles;
 * this adds what only the server can decide, a USING or WITH CHECK that differs.
 */
export async function policyDriftItems(run: DriftRun, normalized?: NormalizedPolicies): Promise<DriftItem[]> {
  const drift = await checkAccessDrift(run, normalized !== undefined ? { normalized } : {});
  return drift.items
    .filter((i): i is AccessDriftItem & { kind: 'policy' | 'rls' } => i.kind !== 'grant')
    .map((i) => ({
      kind: i.kind,
      side: i.side,
      table: i.table,
      message: i.message,
      ...(i.name ? { name: i.name } : {}),
      ...(i.schema ? { schema: i.schema } : {}),
      ...(i.live ? { live: i.live } : {}),
    }));
}

/**
 * The overlay re-reads the catalog every few seconds; the expected side's normalization (one
 * CREATE POLICY per policy, rolled back) only changes when the functions or types the policies
 * use change, so it is kept for `ttlMs` per connection (and per read-only state: unlocking
 * writes makes the normalization possible). The live side is read every time.
 */
export function policyDriftSource(ttlMs = 60_000): (ctx: RunContext) => Promise<DriftItem[]> {
  const cache = new Map<string, { at: number; normalized: Promise<NormalizedPolicies> }>();
  return async (ctx) => {
    const key = `${ctx.connectionId}\u0000${ctx.readOnly}`;
    let entry = cache.get(key);
    if (!entry || Date.now() - entry.at > ttlMs) {
      const all = expectedTables().flatMap((t) => t.policies);
      const existing = new Set((await ctx.readAsLogin((q) => readCatalog(q))).tables.map((t) => t.name));
      const fresh = { at: Date.now(), normalized: normalizePolicies(ctx, all.filter((p) => existing.has(p.table))) };
      entry = fresh;
      cache.set(key, fresh);
      fresh.normalized.catch(() => {
        if (cache.get(key) === fresh) cache.delete(key);
      });
    }
    return policyDriftItems(ctx, await entry.normalized);
  };
}
