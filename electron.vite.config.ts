import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

// Main runs in Node with node_modules beside it, so EVERY package it imports stays external,
// devDependencies included: electron-vite externalizes only `dependencies` by default, and
// bundling drizzle-kit (imported lazily by services/migrations/drift.ts) breaks on its optional
// drivers. (For packaging, runtime imports such as drizzle-kit belong in `dependencies`.)
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
// Except the workspace package `@repo/database`: its exports are TypeScript sources, so main
// must BUNDLE it (node cannot load .ts from node_modules at run time).
const bundledWorkspaces = ['@repo/database'];
const allPackages = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((p) => !bundledWorkspaces.includes(p));

/**
 * `electron-vite dev` only: React Fast Refresh injects an inline module script (its preamble)
 * into index.html, which the page's strict CSP meta (`script-src 'self'`) blocks, so the dev
 * server relaxes script-src for itself. `apply: 'serve'`: never part of a build, and the
 * production app:// responses carry the strict header from electron/main/security/csp.ts.
 */
function devServerCsp(): Plugin {
  return {
    name: 'warden:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(/script-src 'self'(?! 'unsafe-inline')/, "script-src 'self' 'unsafe-inline'"),
    },
  };
}

/**
 * Three builds. main: ESM (package.json "type": "module"), dependencies stay external so
 * postgres/PGlite/drizzle load from node_modules at run time. preload: ONE CommonJS file with
 * nothing external but `electron`, because a sandboxed preload cannot `require` anything else.
 * renderer: the React app from renderer/, served in production from app://warden (see
 * electron/main/protocol.ts), so asset URLs are relative.
 */
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: { include: allPackages, exclude: bundledWorkspaces },
      rolldownOptions: {
        // serve: browser mode (npm run serve), the same core in plain Node. Its own entry, so
        // index.js (Electron) and serve.js share only the Electron-free chunks of createApp.
        input: { index: resolve(root, 'electron/main/index.ts'), serve: resolve(root, 'electron/main/web/serve.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          // A single file: no chunks a sandboxed preload could not load.
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devServerCsp()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
