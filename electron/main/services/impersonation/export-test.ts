import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompareSource, Impersonation, RecordedCheck } from '../../../../shared/ipc/contracts/impersonation';
import { qualified, quoteIdent } from '../../db/quote';
import type { CheckTarget } from './check-database';

export interface ExportedTest {
  path: string;
  fileName: string;
  content: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Warden's sources, when this module runs from them (dev, tests); exported files import from there. */
function sourceModule(relative: string): string {
  const abs = resolve(here, relative);
  return existsSync(`${abs}.ts`) ? abs : relative;
}

const lit = (value: unknown) => JSON.stringify(value);

/**
 * A Vitest file that replays an interactive check through `rlsDb` and asserts what was observed:
 * the counts each identity saw, or a write's outcome. It connects to the recorded database (the
 * password from WARDEN_CHECK_PASSWORD, never written here) or to WARDEN_CHECK_DATABASE_URL.
 */
export function renderCheckTest(name: string, check: RecordedCheck, target: CheckTarget, recordedAt = new Date()): string {
  const rls = sourceModule('../../db/rls');
  const opener = sourceModule('./check-database');
  const head = [
    `// Recorded by Warden on ${recordedAt.toISOString()}: ${name.replace(/\s+/g, ' ')}`,
    '// Re-run: npx vitest run --root <this folder> --config vitest.config.mjs. Password: WARDEN_CHECK_PASSWORD; other database: WARDEN_CHECK_DATABASE_URL.',
    "import { afterAll, beforeAll, describe, expect, it } from 'vitest';",
    `import { rlsDb } from ${lit(rls)};`,
    `import { openCheckDatabase } from ${lit(opener)};`,
    '',
    `const target = ${lit(target)} as const;`,
    '',
    `describe(${lit(name)}, () => {`,
    '  let db: Awaited<ReturnType<typeof openCheckDatabase>>;',
    '  beforeAll(async () => {',
    '    db = await openCheckDatabase(target);',
    '  });',
    '  afterAll(async () => {',
    '    await db?.close();',
    '  });',
  ];
  const body = check.kind === 'compare' ? compareBody(check) : writeBody(check);
  return [...head, ...body, '});', ''].join('\n');
}

function identityLabel(identity: Impersonation | null): string {
  return identity ? `${identity.role} ${identity.userId}` : 'the connection itself';
}

function countSqlOf(source: CompareSource): { sql: string; params: string[] } {
  if (source.kind === 'query') return { sql: `select count(*) as n from (${source.sql.trim().replace(/;\s*$/, '')}) as q`, params: [] };
  const params: string[] = [];
  const ops: Record<string, string> = { eq: '=', neq: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=', like: 'like', ilike: 'ilike' };
  const where = source.filters.map((f) => {
    if (f.op === 'is-null') return `${quoteIdent(f.column)} is null`;
    if (f.op === 'not-null') return `${quoteIdent(f.column)} is not null`;
    params.push(f.value ?? '');
    return `${quoteIdent(f.column)}::text ${ops[f.op]} $${params.length}`;
  });
  return { sql: `select count(*) as n from ${qualified(source.schema, source.table)}${where.length ? ` where ${where.join(' and ')}` : ''}`, params };
}

function compareBody(check: Extract<RecordedCheck, { kind: 'compare' }>): string[] {
  const { sql, params } = countSqlOf(check.source);
  const lines = [`  const sql = ${lit(sql)};`, `  const params: string[] = ${lit(params)};`];
  check.identities.forEach((identity, i) => {
    const expected = check.counts[i];
    const title = `${identityLabel(identity)} sees ${expected === null || expected === undefined ? 'an error' : `${expected} row(s)`}`;
    lines.push(`  it(${lit(title)}, async () => {`);
    const run = identity
      ? `rlsDb(db).rls(${lit(identity.userId)}, ${lit(identity.role)}, async (tx) => Number((await tx.raw.query<{ n: unknown }>(sql, params)).rows[0]?.n), { commit: false })`
      : 'db.query<{ n: unknown }>(sql, params).then((r) => Number(r.rows[0]?.n))';
    if (expected === null || expected === undefined) lines.push(`    await expect(${run}).rejects.toThrow();`);
    else lines.push(`    expect(await ${run}).toBe(${expected});`);
    lines.push('  });');
  });
  return lines;
}

function writeBody(check: Extract<RecordedCheck, { kind: 'write' }>): string[] {
  const { as, outcome } = check;
  const sql = check.sql.trim().replace(/;\s*$/, '');
  const lines = [`  const sql = ${lit(sql)};`];
  const run = `rlsDb(db).rls(${lit(as.userId)}, ${lit(as.role)}, async (tx) => (await tx.raw.query(sql)).affectedRows, { commit: false })`;
  const label = `as ${as.role} ${as.userId}`;
  switch (outcome.kind) {
    case 'rows':
      lines.push(`  it(${lit(`${label}: the write touches ${outcome.count} row(s)`)}, async () => {`, `    expect(await ${run}).toBe(${outcome.count});`, '  });');
      break;
    case 'no-match':
      lines.push(`  it(${lit(`${label}: the write matches nothing`)}, async () => {`, `    expect(await ${run}).toBe(0);`, '  });');
      break;
    case 'hidden-by-policy':
      lines.push(
        `  it(${lit(`${label}: 0 rows, hidden by policy (USING), although the owner would match rows`)}, async () => {`,
        `    expect(await ${run}).toBe(0);`,
        '    // The same statement as the plain connection (the owner bypasses RLS), rolled back.',
        '    const owner = await db',
        '      .transaction(async (t) => {',
        '        const n = (await t.query(sql)).affectedRows;',
        "        throw Object.assign(new Error('rollback'), { n });",
        '      })',
        '      .catch((e: { n?: number }) => e.n ?? -1);',
        '    expect(owner).toBeGreaterThan(0);',
        '  });',
      );
      break;
    case 'with-check':
      lines.push(
        `  it(${lit(`${label}: rejected by WITH CHECK (${outcome.policies.join(', ')})`)}, async () => {`,
        `    await expect(${run}).rejects.toThrow(/row-level security/);`,
        '  });',
      );
      break;
    case 'no-grant':
      lines.push(
        `  it(${lit(`${label}: permission denied (missing GRANT)`)}, async () => {`,
        `    await expect(${run}).rejects.toThrow(/permission denied/);`,
        '  });',
      );
      break;
  }
  return lines;
}

export function checkFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'rls-check'}.test.ts`;
}

export async function exportCheckTest(dir: string, name: string, check: RecordedCheck, target: CheckTarget): Promise<ExportedTest> {
  await mkdir(dir, { recursive: true });
  const fileName = checkFileName(name);
  const path = join(dir, fileName);
  const content = renderCheckTest(name, check, target);
  await writeFile(path, content, 'utf8');
  // A config of its own, so `npx vitest run --config <dir>/vitest.config.mjs` runs exactly the
  // exported checks wherever the folder is (a project's config would not include it).
  const config = join(dir, 'vitest.config.mjs');
  if (!existsSync(config)) {
    await writeFile(config, "export default { test: { include: ['*.test.ts'], testTimeout: 60000, hookTimeout: 60000 } };\n", 'utf8');
  }
  return { path, fileName, content };
}
