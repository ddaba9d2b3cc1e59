import { AsyncLocalStorage } from 'node:async_hooks';
import type { Drift, DriftStatement } from '../../../../shared/ipc/contracts/migrations';
import { lintMigrations } from '../../../../shared/migrations/lint';
import { tableDomain } from '@repo/database/domains';
import * as schema from '@repo/database/schema';
import type { Queryable } from '../../db/driver';
import { checkAccessDrift, type DriftRun } from './access-drift';
import { dropEquivalent } from './drift-noise';

interface RawSqlLike {
  queryChunks?: { value?: string[] | string }[];
}

/** The text of drizzle-kit's `sql.raw(text)`: one string chunk (its CJS copy of drizzle-orm builds it). */
function rawText(query: RawSqlLike): string {
  return (query.queryChunks ?? []).map((c) => (Array.isArray(c.value) ? c.value.join('') : (c.value ?? ''))).join('');
}

/**
 * drizzle-kit's push diff, dry: `pushSchema` introspects the live database, diffs it against the
 * app's schema and returns the statements plus data-loss warnings; `apply()` is never called.
 * Its introspection reads `execute(...).rows`, which postgres.js results do not have, so it gets
 * a tiny adapter over our raw query path instead of a drizzle instance, inside a READ ONLY
 * transaction so a stray write could not land.
 *
 * drizzle-kit is lossy for access: it re-creates a dropped policy without its USING, and compares
 * policies by name only. So its policy, RLS and grant statements are replaced by the exact ones
 * `checkAccessDrift` builds from the schema's own definitions (expressions compared as the server
 * deparses them). Each statement carries its own data-loss mark, from the preflight lint's rules.
 */
export async function checkDrift(run: DriftRun, connectionId: string): Promise<Drift> {
  const { pushSchema } = await import('drizzle-kit/api');
  // The run context's READ ONLY read (ISO-10), as the connection's login.
  const result = await run.readAsLogin(async (tx) => {
    const adapter = { execute: (query: RawSqlLike) => runIntrospectionQuery(tx, rawText(query)) };
    const pushed = await withoutProcessExit(() => pushSchema(schema as unknown as Record<string, unknown>, adapter as never, ['public']));
    return { ...pushed, ...(await dropEquivalent(tx, pushed.statementsToExecute)) };
  });
  const access = await checkAccessDrift(run);
  const kit = result.statements.filter((s) => !isAccessStatement(s));
  const ours = [...access.forMissingTables, ...access.items.flatMap((i) => i.statements)];
  const statements = markDataLoss([...kit.map((sql) => ({ sql, source: 'drizzle-kit' as const })), ...ours.map((sql) => ({ sql, source: 'schema' as const }))]);
  const groups = new Map<string, DriftStatement[]>();
  for (const statement of statements) {
    const domain = domainOf(statement.sql);
    groups.set(domain, [...(groups.get(domain) ?? []), statement]);
  }
  const replaced = result.statements.length - kit.length;
  return {
    connectionId,
    inSync: statements.length === 0,
    hasDataLoss: result.hasDataLoss || statements.some((s) => s.dataLoss !== null),
    // drizzle-kit colours its warnings for a terminal.
    warnings: [
      ...result.warnings.map((w) => w.replace(/\u001b\[[0-9;]*m/g, '').trim()).filter(Boolean),
      ...(result.ignored ? [`${result.ignored} statement(s) drizzle-kit reports for definitions the database already has were left out.`] : []),
      ...(replaced ? [`${replaced} policy, RLS or grant statement(s) of drizzle-kit were replaced by exact ones built from the schema's definitions.`] : []),
      ...access.warnings,
    ],
    groups: [...groups.entries()].map(([domain, list]) => ({ domain, statements: list })),
    access: access.items.map(({ kind, table, name, side, message }) => ({ kind, table, side, message, ...(name ? { name } : {}) })),
    statementCount: statements.length,
  };
}

/** drizzle-kit's own access statements: lossy (policies without USING), so they are replaced. */
function isAccessStatement(statement: string): boolean {
  const s = statement.trim();
  return /^(CREATE|DROP|ALTER) POLICY\b/i.test(s) || /^ALTER TABLE .* (ENABLE|DISABLE|FORCE|NO FORCE) ROW LEVEL SECURITY;?$/is.test(s) || /^(GRANT|REVOKE)\b/i.test(s);
}

const dataLossRules = new Set(['drop-table', 'drop-column', 'truncate', 'drop-schema', 'alter-column-type', 'drop-type']);

/** Each statement that drops data or columns gets its own mark: the preflight lint's rules, reused. */
function markDataLoss(list: { sql: string; source: DriftStatement['source'] }[]): DriftStatement[] {
  const findings = lintMigrations(list.map((s, index) => ({ tag: 'drift', index, sql: s.sql })));
  return list.map((s, index) => {
    const loss = findings.filter((f) => f.statementIndex === index && dataLossRules.has(f.rule));
    return { ...s, dataLoss: loss.length ? loss.map((f) => f.message).join(' ') : null };
  });
}

// drizzle-kit 0.31's pushSchema wraps the database as `query(text, params) => execute(sql.raw(text))`:
// the params are dropped. Only one introspection query uses params, the name of a composite
// primary key (`connamespace = $1::regnamespace AND relname = $2`), so without a fix any table
// with a composite key makes introspection fail, and drizzle-kit's task runner then calls
// process.exit(1). Tables are introspected concurrently, each in its own async chain whose first
// query names the table literally; remembering it in that chain's async context (enterWith runs
// synchronously in the caller's chain) gives the two missing values back.
const introspectedTable = new AsyncLocalStorage<{ schema: string; table: string }>();
const columnsQuery = /ns\.nspname = '((?:[^']|'')*)'[\s\S]*?cls\.relname = '((?:[^']|'')*)'/;
const compositeKeyQuery = /connamespace = \$1::regnamespace\s+AND\s+pg_class\.relname = \$2/;

function runIntrospectionQuery(q: Queryable, text: string): Promise<{ rows: unknown[] }> {
  const table = columnsQuery.exec(text);
  if (table) introspectedTable.enterWith({ schema: table[1]!.replaceAll("''", "'"), table: table[2]!.replaceAll("''", "'") });
  const context = introspectedTable.getStore();
  const params = compositeKeyQuery.test(text) && context ? [context.schema, context.table] : [];
  return q.query(text, params).then((r) => ({ rows: r.rows }));
}

/** drizzle-kit exits the process when introspection throws; turn that into an error for the caller. */
async function withoutProcessExit<T>(fn: () => Promise<T>): Promise<T> {
  const original = process.exit;
  process.exit = ((code?: number) => {
    throw new Error(`drizzle-kit gave up introspecting the database (exit ${code ?? 0}).`);
  }) as typeof process.exit;
  try {
    return await fn();
  } finally {
    process.exit = original;
  }
}

/** The domain of the first quoted table name the statement mentions; "other" for enums, roles... */
export function domainOf(statement: string): string {
  for (const m of statement.matchAll(/"((?:[^"]|"")+)"/g)) {
    const domain = tableDomain[m[1]!.replaceAll('""', '"')];
    if (domain) return domain;
  }
  return 'other';
}
