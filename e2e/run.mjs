#!/usr/bin/env node
// `npm run test:e2e`: builds when out/ is missing or older than the sources, then runs
// Playwright in Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) against browser
// mode. On a developer machine without Chromium or PostgreSQL it says why it skipped and exits 0;
// under CI=true the same absence FAILS the step, so CI cannot be green without running e2e.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from '../scripts/build-if-needed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';

/** Missing prerequisite: a skip on a developer machine, a failure in CI. */
function missing(what, help) {
  if (ci) {
    console.error(`e2e FAILED: ${what}; CI=true requires the end-to-end suite to run.`);
    console.error(help);
    process.exit(1);
  }
  console.log(`e2e skipped: ${what}.`);
  console.log(help);
  process.exit(0);
}

if (!existsSync(chromium)) {
  missing(
    `Chromium not found at ${chromium} (Playwright here uses Debian's Chromium, never a downloaded browser)`,
    'Install it with: apt-get install -y chromium   (or set CHROMIUM_PATH), then run npm run test:e2e again',
  );
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

// Several specs add the real server as a saved connection: TEST_DATABASE_URL, or the local
// server every developer and CI machine runs.
const defaultServer = 'postgres://postgres@127.0.0.1:5432/test';
const target = new URL(process.env.TEST_DATABASE_URL ?? defaultServer);
const pgHost = target.hostname || '127.0.0.1';
const pgPort = Number(target.port || 5432);
if (!(await reachable(pgHost, pgPort))) {
  missing(
    `no PostgreSQL answers on ${pgHost}:${pgPort} (${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'the default local server'})`,
    `Start one, or run: TEST_DATABASE_URL=${defaultServer} npm run test:e2e`,
  );
}
if (!process.env.TEST_DATABASE_URL) {
  console.log(`e2e: TEST_DATABASE_URL not set; using the local server ${defaultServer}`);
  process.env.TEST_DATABASE_URL = defaultServer;
}

if (!buildIfNeeded({ label: 'e2e: building with electron-vite (output missing or older than sources)' })) process.exit(1);

const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(run.status ?? 1);
