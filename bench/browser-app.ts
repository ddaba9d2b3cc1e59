import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';
import { installBridge } from '../e2e/fixtures/bridge-init';
import { type StaticServer, startStaticServer } from '../e2e/fixtures/static-server';
import { type App, createApp } from '../electron/main/app';
import { createNodeSecrets } from '../electron/main/secrets-node';
import { startWebServer } from '../electron/main/web/server';
import { channels, events } from '../shared/ipc/channels';

/**
 * The e2e harness's pieces, assembled for benches: the BUILT renderer served by the e2e static
 * server (production CSP) in Debian's Chromium (never a downloaded browser), the real main-process
 * app (createApp: router, PGlite, postgres.js) in this process, joined by the `__wardenInvoke`
 * binding and the `window.warden` bridge of e2e/fixtures/bridge-init.ts. Output validation is off,
 * as in production builds.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// WARDEN_RENDERER_DIR: measure another build (a copy of out/renderer made before a change).
export const rendererDir = process.env.WARDEN_RENDERER_DIR ?? join(root, 'out/renderer');

/**
 * How the page reaches the router: 'binding' is the old e2e harness (a Playwright binding over
 * CDP); 'websocket' is browser mode, the product's own transport (electron/main/web/server.ts
 * and the page's renderer/src/lib/web-bridge.ts), as `npm run serve` runs it (P13).
 */
export type Transport = 'binding' | 'websocket';

export interface BrowserApp {
  browser: Browser;
  server: Pick<StaticServer, 'origin' | 'close'>;
  app: App;
  page: Page;
  close(): Promise<void>;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens a page wired to `app` the way the preload would; the caller navigates it. */
export async function wardenPage(browser: Browser, app: App): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.exposeBinding('__wardenInvoke', async ({ page: source, frame }, channel: unknown, input: unknown) =>
    app.router.call(channel, input, { frameUrl: frame.url(), isMainFrame: frame === source.mainFrame() }),
  );
  // tsx (esbuild keepNames) wraps functions in `__name(...)`; the serialized bridge needs it defined.
  await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  await page.addInitScript(installBridge, { channels: [...channels], events: [...events] });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

/** A fresh user-data folder (first launch: PGlite initdb), one app, one page at the app's origin. */
export async function openBrowserApp(transport: Transport = 'binding'): Promise<BrowserApp> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('no built renderer: run `npx electron-vite build` first');
  const userDataDir = await mkdtemp(join(tmpdir(), 'warden-bench-app-'));
  const web = transport === 'websocket' ? await startWebServer({ rendererDir }) : undefined;
  const server = web ?? (await startStaticServer(rendererDir));
  const browser = await launchChromium();
  let app: App | undefined;
  try {
    app = await createApp({
      userDataDir,
      secrets: createNodeSecrets(),
      trustedOrigins: [server.origin],
      validateOutput: false,
      ...(web ? { emit: web.emit } : {}),
    });
    let page: Page;
    if (web) {
      web.attach(app.router);
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(web.url);
    } else {
      page = await wardenPage(browser, app);
      await page.goto(`${server.origin}/`);
    }
    await page.getByTestId('app.ready').waitFor({ timeout: 60_000 });
    const opened = app;
    return {
      browser,
      server,
      app: opened,
      page,
      async close() {
        await browser.close();
        await server.close();
        await opened.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser.close();
    await server.close();
    await app?.close();
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }
}
