import { AsyncLocalStorage } from 'node:async_hooks';
import type { Drift } from '../../../../shared/ipc/contracts/migrations';
import { tableDomain } from '@repo/database/domains';
import * as schema from '@repo/database/schema';
import type { Database, Queryable } from '../../db/driver';
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
 */
export async function checkDrift(db: Database, connectionId: string): Promise<Drift> {
  const { pushSchema } = await import('drizzle-kit/api');
  const result = await db.transaction(async (tx) => {
    await tx.query('set transaction read only');
    const adapter = { execute: (query: RawSqlLike) => runIntrospectionQuery(tx, rawText(query)) };
    const pushed = await withoutProcessExit(() => pushSchema(schema as unknown as Record<string, unknown>, adapter as never, ['public']));
    return { ...pushed, ...(await dropEquivalent(tx, pushed.statementsToExecute)) };
  });
  const groups = new Map<string, string[]>();
  for (const statement of result.statements) {
    const domain = domainOf(statement);
    groups.set(domain, [...(groups.get(domain) ?? []), statement]);
  }
  return {
    connectionId,
    inSync: result.statements.length === 0,
    hasDataLoss: result.hasDataLoss,
    // drizzle-kit colours its warnings for a terminal.
    warnings: [
      ...result.warnings.map((w) => w.replace(/\u001b\[[0-9;]*m/g, '').trim()).filter(Boolean),
      ...(result.ignored ? [`${result.ignored} statement(s) drizzle-kit reports for definitions the database already has were left out.`] : []),
    ],
    groups: [...groups.entries()].map(([domain, statements]) => ({ domain, statements })),
    statementCount: result.statements.length,
  };
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
