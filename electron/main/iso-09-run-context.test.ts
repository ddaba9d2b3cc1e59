import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * ISO-09, structurally: no service, handler or transport reaches a database except through the
 * one run context. A pool is handed out by ConnectionsService (`database`, `impersonationDatabase`,
 * `readerDatabase`, `openDedicated`) and taken ONLY by the RunRegistry's deps in app.ts;
 * everything else asks a run context (`read`, `write`, `user`), which decides cancellation, the
 * read-only mode and the identity.
 * Allowed beside it: the connections module's own code, the drivers and the run context (db/),
 * the test harnesses (testing/) and tests.
 */
const main = fileURLToPath(new URL('./', import.meta.url));
const pool = /\.(database|impersonationDatabase|readerDatabase|openDedicated)\(|\bdatabase\s*:\s*\(/;

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

const allowed = (path: string) => path.startsWith('db/') || path.startsWith('testing/') || path.startsWith('services/connections/') || path === 'app.ts';

/** Where `text` asks for a pool: `file:line: code`. */
function poolCalls(path: string, text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => pool.test(line) && !/^\s*(\*|\/\/)/.test(line))
    .map(({ line, i }) => `${path}:${i + 1}: ${line.trim()}`);
}

describe('ISO-09: one run context', () => {
  it('ISO-09: no service reaches a database except through the run context', async () => {
    const offending: string[] = [];
    for (const file of await sources(main)) {
      const path = relative(main, file);
      if (allowed(path)) continue;
      offending.push(...poolCalls(path, await readFile(file, 'utf8')));
    }
    expect(offending).toEqual([]);
  });

  it('ISO-09: in app.ts, only the run registry\'s deps know how to get a pool', async () => {
    const app = await readFile(join(main, 'app.ts'), 'utf8');
    const start = app.indexOf('new RunRegistry({');
    expect(start).toBeGreaterThan(-1);
    const end = app.indexOf('});', start);
    const registry = app.slice(start, end);
    // The registry is given the pools...
    expect(registry).toMatch(/database: \(id\) => connections\.database\(id\)/);
    expect(registry).toMatch(/openDedicated:/);
    // ...and nothing else in app.ts asks for one.
    expect(poolCalls('app.ts', app.slice(0, start) + app.slice(end))).toEqual([]);
    expect(app.match(/new RunRegistry\(/g)).toHaveLength(1);
  });

  it('ISO-09: the scan would see a direct path (the rule is not vacuous)', () => {
    expect(poolCalls('x.ts', 'const db = this.options.connections.database(id);')).toHaveLength(1);
    expect(poolCalls('x.ts', 'new RecordsService({ database: (id) => pools(id) })')).toHaveLength(1);
    expect(poolCalls('x.ts', 'await connections.openDedicated(id);')).toHaveLength(1);
    expect(poolCalls('x.ts', 'const reader = connections.readerDatabase(id);')).toHaveLength(1);
    expect(poolCalls('x.ts', 'await ctx.read((q) => readPage(q, info))')).toEqual([]);
  });
});
