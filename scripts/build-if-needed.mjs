// Builds with electron-vite when out/ is missing or older than the sources. Used by
// `npm run serve`, `npm start`'s fallback and `npm run test:e2e`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './electron-binary.mjs';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const outputs = ['out/main/index.js', 'out/main/serve.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const sources = ['renderer', 'shared', 'electron', 'electron.vite.config.ts', 'package.json'];

export function buildIsStale() {
  const built = Math.min(...outputs.map((p) => (existsSync(join(root, p)) ? statSync(join(root, p)).mtimeMs : 0)));
  return built === 0 || sources.some((source) => newestMtime(join(root, source)) > built);
}

/**
 * Builds when stale. `quiet`: one line instead of the bundler's listing (its output is shown
 * only if the build fails). Returns false when the build failed.
 */
export function buildIfNeeded({ quiet = false, label = 'building Warden (sources changed or first start)' } = {}) {
  if (!buildIsStale()) return true;
  console.log(`${label}…`);
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: quiet ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (build.status === 0) return true;
  if (quiet) process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
  return false;
}
