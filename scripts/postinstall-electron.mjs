#!/usr/bin/env node
// The project's own postinstall: fetch Electron's binary where its download is reachable, and
// never fail `npm install` where it is not (offline, firewalled, ELECTRON_SKIP_BINARY_DOWNLOAD).
// npm 11 runs dependencies' install scripts only if package.json "allowScripts" names them, and
// a failing one fails the whole install, so electron is deliberately NOT in allowScripts: this
// script runs its installer and reports the outcome in exactly one line. Always exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronDir, findElectronBinary, nodeFitsElectron } from './electron-binary.mjs';

const fallback = '`npm start` will open Warden in your browser instead (npm run serve)';

function outcome() {
  if (findElectronBinary().path) return 'electron: binary present';
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return `electron: binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set); ${fallback}`;
  const installer = join(electronDir, 'install.js');
  if (!existsSync(installer)) return `electron: package missing, binary not installed; ${fallback}`;
  const run = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 300_000, env: process.env });
  if (run.status === 0 && findElectronBinary().path) return 'electron: binary downloaded';
  const text = `${run.stderr ?? ''}\n${run.stdout ?? ''}`;
  const reason =
    run.error?.message ??
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /error|fail|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN/i.test(line) && !line.startsWith('at ')) ??
    `installer exited with ${run.status}`;
  const node = nodeFitsElectron() ? '' : ` (the desktop app also needs Node >= 22.12; this is ${process.version})`;
  return `electron: binary not installed: ${reason.slice(0, 160)}${node}; ${fallback}`;
}

try {
  console.log(outcome());
} catch (error) {
  console.log(`electron: install check failed (${error instanceof Error ? error.message : String(error)}); ${fallback}`);
}
process.exit(0);
