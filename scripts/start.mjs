#!/usr/bin/env node
// `npm start`: the desktop app (electron-vite preview: build, then Electron on the embedded
// database) when Electron's binary is installed; otherwise one line saying so, then browser mode.
import { spawn } from 'node:child_process';
import { findElectronBinary, nodeFitsElectron, root } from './electron-binary.mjs';
import { serve } from './serve.mjs';

const binary = findElectronBinary();
if (binary.path) {
  const child = spawn('npx', ['electron-vite', 'preview'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  const node = nodeFitsElectron() ? '' : `; the desktop app also needs Node >= 22.12, this is ${process.version}`;
  console.log(`Electron is not available (${binary.why}${node}): starting Warden in browser mode instead.`);
  serve(process.argv.slice(2));
}
