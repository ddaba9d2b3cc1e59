// Where Electron's binary is, found WITHOUT require('electron') (that module throws, or tries a
// download, when the binary is missing). Shared by postinstall and start.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const electronDir = join(root, 'node_modules', 'electron');

/** @returns {{ path?: string, why?: string }} */
export function findElectronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(join(electronDir, 'package.json'))) return { why: 'the electron package is not installed' };
  if (!existsSync(pathFile) && !override) return { why: 'its binary was never downloaded' };
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override ? join(override, relative) : join(electronDir, 'dist', relative);
  if (!existsSync(binary)) return { why: `no Electron binary at ${binary}` };
  return { path: binary };
}

/** Electron 45's installer and binary want Node >= 22.12 (its package.json "engines"). */
export function nodeFitsElectron() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}
