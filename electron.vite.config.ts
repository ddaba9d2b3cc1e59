import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

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
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts') },
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
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
});
