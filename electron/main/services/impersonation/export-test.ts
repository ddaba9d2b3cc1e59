import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompareSource, Impersonation, RecordedCheck } from '../../../../shared/ipc/contracts/impersonation';
import { qualified, quoteIdent } from '../../db/quote';
import type { CheckTarget } from './check-database';

export interface ExportedTest {
  path: string;
  fileName: string;
  content: string;
}

/** The one stable entry an exported check imports: rlsDb and the database opener. */
export const CHECK_ENTRY = 'electron/main/db/rls-check';

/** The repository checkout this module runs from (sources or a dev build under out/), if any. */
function findRepoRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, `${CHECK_ENTRY}.ts`))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}
const repoRoot = findRepoRoot();
/** Where exported checks are assumed to live when Warden runs without its sources (packaged). */
const DEFAULT_CHECKS_FOLDER = 'checks';

interface EntryImport {
  specifier: string;
  /** The export folder relative to the repository root, or null when it is outside the checkout. */
  folder: string | null;
}

/**
 * The import of the entry module, relative to the folder the file is written to, so the file
 * keeps working in any checkout of the repository (no absolute path of this machine in it).
 */
export function entryImport(dir: string): EntryImport {
  if (repoRoot === null) return { specifier: `../${CHECK_ENTRY}`, folder: DEFAULT_CHECKS_FOLDER };
  const entry = join(repoRoot, CHECK_ENTRY);
  const fromDir = relative(resolve(dir), entry).split(sep).join('/');
  const inside = relative(repoRoot, resolve(dir));
  const folder = inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)) ? inside.split(sep).join('/') || '.' : null;
  return { specifier: fromDir.startsWith('.') ? fromDir : `./${fromDir}`, folder };
}

const lit = (value: unknown) => JSON.stringify(value);

/**
 * A Vitest file that replays an interactive check through `rlsDb` and asserts what was observed:
 * the counts each identity saw, or a write's outcome. It connects to the recorded database (the
 * password from WARDEN_CHECK_PASSWORD, never written here) or to WARDEN_CHECK_DATABASE_URL.
 */
export function renderCheckTest(name: string, check: RecordedCheck, target: CheckTarget, dir: string, recordedAt = new Date()): string {
  const { specifier, folder } = entryImport(dir);
  const where =
    folder === null
      ? `// This folder is outside the repository checkout: move it into the checkout and fix the import path (${CHECK_ENTRY}.ts).`
      : `// Keep this folder at ${folder}/ in the repository checkout (or fix the one import path if you move it).`;
  const head = [
    `// Recorded by Warden on ${recordedAt.toISOString()}: ${name.replace(/\s+/g, ' ')}`,
    `// Imports rlsDb from the repository's own ${CHECK_ENTRY}.ts, by a path relative to this file:`,
    where,
    '// Re-run: npx vitest run --root <this folder> --config vitest.config.mjs. Password: WARDEN_CHECK_PASSWORD; other database: WARDEN_CHECK_DATABASE_URL.',
    "import { afterAll, beforeAll, describe, expect, it } from 'vitest';",
    `import { openCheckDatabase, rlsDb } from ${lit(specifier)};`,
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
  const content = renderCheckTest(name, check, target, dir);
  await writeFile(path, content, 'utf8');
  // A config of its own, so `npx vitest run --config <dir>/vitest.config.mjs` runs exactly the
  // exported checks wherever the folder is (a project's config would not include it).
  const config = join(dir, 'vitest.config.mjs');
  if (!existsSync(config)) {
    await writeFile(config, "export default { test: { include: ['*.test.ts'], testTimeout: 60000, hookTimeout: 60000 } };\n", 'utf8');
  }
  return { path, fileName, content };
}
