#!/usr/bin/env node
// `npm run serve [-- --port 4573 --host 127.0.0.1]`: Warden in your browser, on the same core as
// the desktop app (electron/main/web/serve.ts, built to out/main/serve.js). Builds first if needed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';
import { root } from './electron-binary.mjs';

export function serve(args = process.argv.slice(2)) {
  if (!buildIfNeeded({ quiet: true })) process.exit(1);
  const child = spawn(process.execPath, [join(root, 'out/main/serve.js'), ...args], { cwd: root, stdio: 'inherit' });
  // Ctrl+C reaches the child too (same process group); forward a plain kill so it closes PGlite cleanly.
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGINT', () => undefined);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) serve();
