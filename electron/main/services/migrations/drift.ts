import type { Drift } from '../../../../shared/ipc/contracts/migrations';
import { tableDomain } from '../../../../shared/db/domains';
import * as schema from '../../../../shared/db/schema';
import type { Database, Queryable } from '../../db/driver';

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
    const adapter = { execute: async (query: RawSqlLike) => ({ rows: (await (tx as Queryable).query(rawText(query))).rows }) };
    return pushSchema(schema as unknown as Record<string, unknown>, adapter as never, ['public']);
  });
  const groups = new Map<string, string[]>();
  for (const statement of result.statementsToExecute) {
    const domain = domainOf(statement);
    groups.set(domain, [...(groups.get(domain) ?? []), statement]);
  }
  return {
    connectionId,
    inSync: result.statementsToExecute.length === 0,
    hasDataLoss: result.hasDataLoss,
    // drizzle-kit colours its warnings for a terminal.
    warnings: result.warnings.map((w) => w.replace(/\u001b\[[0-9;]*m/g, '').trim()).filter(Boolean),
    groups: [...groups.entries()].map(([domain, statements]) => ({ domain, statements })),
    statementCount: result.statementsToExecute.length,
  };
}

/** The domain of the first quoted table name the statement mentions; "other" for enums, roles... */
export function domainOf(statement: string): string {
  for (const m of statement.matchAll(/"((?:[^"]|"")+)"/g)) {
    const domain = tableDomain[m[1]!.replaceAll('""', '"')];
    if (domain) return domain;
  }
  return 'other';
}
