import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RecordedCheck } from '../../../../shared/ipc/contracts/impersonation';
import { CHECK_ENTRY, exportCheckTest } from './export-test';

// Exported regression checks (issue 7 item 6) must work when committed to a checkout of the
// repository: they import rlsDb through the stable entry module by a RELATIVE path, never by this
// machine's absolute path. (The e2e IMP-E2E-02 runs such a file green against a server.)

const repoRoot = resolve(import.meta.dirname, '../../../..');
const created: string[] = [];
const check: RecordedCheck = {
  kind: 'compare',
  source: { kind: 'query', sql: 'select 1' },
  identities: [null],
  counts: [1],
};
const target = { kind: 'postgres' as const, host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' };

afterAll(async () => {
  for (const dir of created) await rm(dir, { recursive: true, force: true });
});

function importSpecifier(content: string): string {
  const match = /^import \{ openCheckDatabase, rlsDb \} from "([^"]+)";$/m.exec(content);
  if (!match) throw new Error(`no entry import in:\n${content}`);
  return match[1]!;
}

it('IMP-EXPORT-01: a check exported into a folder of the checkout imports the entry module relatively, and that import resolves to rlsDb', async () => {
  // e2e/output is git-ignored and absent from a fresh clone.
  await mkdir(join(repoRoot, 'e2e/output'), { recursive: true });
  const dir = await mkdtemp(join(repoRoot, 'e2e/output/exported-checks-unit-'));
  created.push(dir);
  const exported = await exportCheckTest(join(dir, 'checks'), 'Only one row', check, target);
  const content = await readFile(exported.path, 'utf8');
  expect(content).not.toContain(repoRoot);
  const specifier = importSpecifier(content);
  expect(specifier).toMatch(/^\.\.\//);
  expect(specifier.endsWith(CHECK_ENTRY)).toBe(true);
  // The folder is named relative to the repository root in the header, for whoever moves it.
  expect(content).toContain(`Keep this folder at ${dir.slice(repoRoot.length + 1)}/checks/`);
  const entry = (await import(resolve(dir, 'checks', specifier))) as Record<string, unknown>;
  expect(typeof entry.rlsDb).toBe('function');
  expect(typeof entry.openCheckDatabase).toBe('function');
});

it('IMP-EXPORT-02: a check exported outside the checkout says so in its header instead of pretending to be portable', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'warden-export-'));
  created.push(dir);
  const { content } = await exportCheckTest(dir, 'Outside', check, target);
  expect(content).toMatch(/outside the repository checkout/);
  expect(importSpecifier(content).startsWith('.')).toBe(true);
});
