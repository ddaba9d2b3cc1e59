#!/usr/bin/env node
// `npm run test:e2e`: builds the renderer when its output is missing or older than its sources,
// then runs Playwright in Debian's Chromium. Without /usr/bin/chromium it says why it skipped
// and exits 0, so machines without a browser can still run the rest of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = '/usr/bin/chromium';

if (!existsSync(chromium)) {
  console.log(`e2e skipped: ${chromium} not found (Playwright here uses Debian's Chromium, never a downloaded browser).`);
  console.log('Install it with: apt-get install -y chromium   (then run npm run test:e2e again)');
  process.exit(0);
}

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

// Several specs add the real server as a saved connection: TEST_DATABASE_URL, or the local
// server every developer and CI machine runs. Without either, say so and skip, as for Chromium.
const defaultServer = 'postgres://postgres@127.0.0.1:5432/test';
if (!process.env.TEST_DATABASE_URL) {
  if (!(await reachable('127.0.0.1', 5432))) {
    console.log('e2e skipped: TEST_DATABASE_URL is not set and no PostgreSQL answers on 127.0.0.1:5432.');
    console.log(`Start one, or run: TEST_DATABASE_URL=${defaultServer} npm run test:e2e`);
    process.exit(0);
  }
  console.log(`e2e: TEST_DATABASE_URL not set; using the local server ${defaultServer}`);
  process.env.TEST_DATABASE_URL = defaultServer;
}

function reachable(host, port) {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(false));
  });
}

const builtIndex = join(root, 'out/renderer/index.html');
const sources = ['renderer', 'shared', 'electron', 'electron.vite.config.ts', 'package.json'].map((p) => join(root, p));
const built = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
if (built === 0 || sources.some((source) => newestMtime(source) > built)) {
  console.log('e2e: building with electron-vite (output missing or older than sources)');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(run.status ?? 1);
