import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The documents stay true: every reliability ID that code cites (comments, test names) is
 * explained in docs/reliability.md, and every performance goal a bench or test names is in
 * docs/performance.md. A new ID needs its line in docs/ before it can be cited.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const scanned = ['electron', 'shared', 'renderer', 'e2e', 'bench'];
const skipped = new Set(['node_modules', 'out', 'dist', 'output', 'test-results', 'migrations']);
const families = 'SEC|ERR|RLS|MIG|CONN|EDIT|ISO|WHY|IMPACT|DRIFT|WEB|ERD|SCHEMA|SEED|ZOD|SHELL|EXPORT|PKG|DOC|ANY';
/** A test title that opens with a reliability ID: `it('ANY-05: …`. (Scenario labels such as `ANY-E2E-01` name a spec file's steps, not a promise.) */
const titled = /\b(?:it|test|describe)(?:\.\w+)*\(\s*[`'"]([A-Z]+)-\d{2}\b/g;
/** `SEC-08`, `SEC-08/09` (two IDs), `WHY-01…10` (a range). */
const citation = new RegExp(`\\b(${families})-(\\d{2})((?:/\\d{2})*)(?:(?:…|\\.\\.\\.?)(\\d{2}))?`, 'g');
/** `P7:` in a test or row title, `goal: 'P7'` in a bench row. */
const goal = /\bP(\d{1,2}):|goal: 'P(\d{1,2})'/g;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name) || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (/\.(ts|tsx|mjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

function expand(match: RegExpMatchArray): string[] {
  const [, family, first, slashes, last] = match;
  const numbers = [Number(first), ...(slashes ?? '').split('/').filter(Boolean).map(Number)];
  if (last) for (let n = Number(first) + 1; n <= Number(last); n++) numbers.push(n);
  return numbers.map((n) => `${family}-${String(n).padStart(2, '0')}`);
}

async function scan() {
  const reliability = await readFile(join(root, 'docs/reliability.md'), 'utf8');
  const performance = await readFile(join(root, 'docs/performance.md'), 'utf8');
  const cited = new Map<string, string>();
  const goals = new Map<string, string>();
  const titleFamilies = new Map<string, string>();
  for (const dir of scanned) {
    for (const file of await sourceFiles(join(root, dir))) {
      const text = await readFile(file, 'utf8');
      const where = relative(root, file);
      for (const m of text.matchAll(citation)) for (const id of expand(m)) if (!cited.has(id)) cited.set(id, where);
      for (const m of text.matchAll(titled)) if (m[1] && !titleFamilies.has(m[1])) titleFamilies.set(m[1], where);
      for (const m of text.matchAll(goal)) {
        const id = `P${m[1] ?? m[2]}`;
        if (!goals.has(id)) goals.set(id, where);
      }
    }
  }
  return { reliability, performance, cited, goals, titleFamilies };
}

describe('docs/ explains every ID the code cites', () => {
  const scanning = scan();

  it('the scan sees the citations (so an empty result cannot pass)', async () => {
    const { cited, goals } = await scanning;
    expect(cited.size).toBeGreaterThan(60);
    expect(cited.has('ISO-07')).toBe(true);
    expect(goals.has('P7')).toBe(true);
  });

  it('every ID family a test title opens with is one this scan checks (a new family cannot go undocumented)', async () => {
    const { titleFamilies } = await scanning;
    expect(titleFamilies.has('ANY')).toBe(true);
    const known = new Set(families.split('|'));
    const unknown = [...titleFamilies].filter(([family]) => !known.has(family)).map(([family, where]) => `${family} (a test title in ${where})`);
    expect(unknown).toEqual([]);
  });

  it('every cited reliability ID has its line in docs/reliability.md', async () => {
    const { cited, reliability } = await scanning;
    const missing = [...cited].filter(([id]) => !new RegExp(`\\b${id}\\b`).test(reliability)).map(([id, where]) => `${id} (cited in ${where})`);
    expect(missing).toEqual([]);
  });

  it('every performance goal named by a bench or test is in docs/performance.md', async () => {
    const { goals, performance } = await scanning;
    const missing = [...goals].filter(([id]) => !new RegExp(`^\\| ${id} \\|`, 'm').test(performance)).map(([id, where]) => `${id} (named in ${where})`);
    expect(missing).toEqual([]);
  });
});
