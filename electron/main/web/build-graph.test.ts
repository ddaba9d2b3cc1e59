import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Browser mode is plain Node: `out/main/serve.js` and every chunk it loads must not import
 * `electron`, and the desktop entry must not load the web server's `ws`. Read from the BUILT
 * files (what `npm run serve` and Electron actually load). A skip with its reason without a build.
 */
const outMain = path.resolve(import.meta.dirname, '../../../out/main');
const built = existsSync(path.join(outMain, 'serve.js')) && existsSync(path.join(outMain, 'index.js'));
if (!built) console.warn('[WEB-02] skipped: out/main/serve.js or index.js missing; run `npm run build` first.');

/** Bare module specifiers imported by `entry` and the relative chunks it loads, transitively. */
function importGraph(entry: string): Set<string> {
  const bare = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/(?:^|[;\n])\s*(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|^import\s*["']([^"']+)["']/gm)) {
      const spec = match[1] ?? match[2] ?? match[3]!;
      if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
      else bare.add(spec);
    }
  };
  visit(entry);
  return bare;
}

describe.skipIf(!built)('WEB-02: the two entries keep to their own runtime', () => {
  it('WEB-02: serve.js (browser mode) never imports electron, and does import ws', () => {
    const graph = importGraph(path.join(outMain, 'serve.js'));
    expect(graph.has('ws')).toBe(true);
    expect([...graph].filter((spec) => spec === 'electron' || spec.startsWith('electron/'))).toEqual([]);
  });

  it('WEB-02: index.js (Electron) imports electron and never the web server’s ws', () => {
    const graph = importGraph(path.join(outMain, 'index.js'));
    expect(graph.has('electron')).toBe(true);
    expect(graph.has('ws')).toBe(false);
  });
});
