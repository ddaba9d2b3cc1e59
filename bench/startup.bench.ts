import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { installBridge } from '../e2e/fixtures/bridge-init';
import { type StaticServer, startStaticServer } from '../e2e/fixtures/static-server';
import { createApp } from '../electron/main/app';
import { createNodeSecrets } from '../electron/main/secrets-node';
import { channels, events } from '../shared/ipc/channels';
import { stats } from './floor';
import type { BenchRow } from './types';
import { launchChromium } from './browser-app';

/**
 * P10 cold start, measured in the test harness (docs/performance.md): from "main starts creating the
 * app" (embedded PGlite opened, router built) to the first screen painted with data from the
 * database (the status bar shows the server version read through IPC). A second launch reuses a
 * user-data folder that an earlier launch initialised, as a user's second start does; the very
 * first launch (PGlite initdb) is shown apart. Chromium is already running (Electron's window
 * creation is not part of this harness). Never asserts.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = join(root, 'out/renderer');

async function launch(browser: Browser, server: StaticServer, userDataDir: string): Promise<{ total: number; app: number }> {
  const started = performance.now();
  const app = await createApp({ userDataDir, secrets: createNodeSecrets(), trustedOrigins: [server.origin], validateOutput: false });
  const appReady = performance.now() - started;
  const page = await browser.newPage();
  try {
    await page.exposeBinding('__wardenInvoke', async ({ page: source, frame }, channel: unknown, input: unknown) =>
      app.router.call(channel, input, { frameUrl: frame.url(), isMainFrame: frame === source.mainFrame() }),
    );
    // tsx (esbuild keepNames) wraps functions in `__name(...)`; the serialized bridge needs it defined.
    await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    await page.addInitScript(installBridge, { channels: [...channels], events: [...events] });
    await page.goto(`${server.origin}/`);
    await page.getByTestId('app.ready').waitFor();
    await page.waitForFunction(
      () => /^PostgreSQL/.test(document.querySelector('[data-testid="shell.status.server-version"]')?.textContent ?? ''),
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    return { total: performance.now() - started, app: appReady };
  } finally {
    await page.close();
    await app.close();
  }
}

export async function runStartupBench(): Promise<BenchRow[]> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('no built renderer: run `npx electron-vite build` first');
  const server = await startStaticServer(rendererDir);
  const browser = await launchChromium();
  const template = await mkdtemp(join(tmpdir(), 'warden-bench-start-'));
  const dirs: string[] = [template];
  try {
    const first = await launch(browser, server, template);
    const totals: number[] = [];
    const apps: number[] = [];
    for (let i = 0; i < 7; i++) {
      const dir = await mkdtemp(join(tmpdir(), 'warden-bench-start-'));
      dirs.push(dir);
      await cp(template, dir, { recursive: true });
      const run = await launch(browser, server, dir);
      if (i === 0) continue; // warm-up: module caches, Chromium's first page
      totals.push(run.total);
      apps.push(run.app);
    }
    return [
      { goal: 'P10', what: 'cold start: createApp -> first screen with data painted (second launch)', ...stats(totals), target: '≤ 1.5 s' },
      { goal: 'P10', what: 'cold start: of which createApp (PGlite open, router)', ...stats(apps) },
      { goal: 'P10', what: 'very first launch (PGlite initdb), one sample', median: first.total, min: first.total, max: first.total },
    ];
  } finally {
    await browser.close();
    await server.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await runStartupBench()) console.log(row);
}
