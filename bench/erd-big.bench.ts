import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from '@playwright/test';
import { createApp } from '../electron/main/app';
import { readFingerprint } from '../electron/main/services/catalog/fingerprint';
import { createNodeSecrets } from '../electron/main/secrets-node';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { channels, events } from '../shared/ipc/channels';
import { installBridge } from '../e2e/fixtures/bridge-init';
import { startStaticServer } from '../e2e/fixtures/static-server';
import { stats } from './floor';
import type { BenchRow } from './types';
import { syntheticSql } from '../e2e/fixtures/synthetic-schema';
import { launchChromium } from './browser-app';

/**
 * P12: diagrams of synthetic schemas on an UNMANAGED database (a fresh embedded database, never
 * migrated, so it is drawn from its own catalog), at 540 tables (P8's synthetic size) and at
 * 3,000, in the same run, page and conditions: the 540 tables are built, measured, then grown to
 * 3,000 and measured again. Per size: the cold catalog read, a scope (one table and 2 hops, the
 * same five tables at both sizes) and "all", then zooming "all" in to its tables and panning.
 * Per view: click -> first paint measured in the page (the click event's time to the frame
 * after the canvas says the layout is on screen, so no CDP round trip is counted), main-thread
 * long tasks (PerformanceObserver 'longtask': their number and the longest) from the click until
 * things settle, and the JS heap after a forced GC (CDP). Never asserts.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = join(root, 'out/renderer');
const SIZES = [540, 3000];
/** The same tables at both sizes; syn_0500 and syn_0260 reach syn_0011, which a quarter of all tables reference. */
const SCOPE_STARTS = ['syn_0500', 'syn_0260', 'syn_0042', 'syn_0333', 'syn_0120'];
const ALL_RUNS = 3;
/** After the paint, effects and deferred work of the view still run: long tasks are collected this long. */
const SETTLE_MS = 400;


/** In the page: long tasks, the last click's time, and when each diagram said it was ready. */
const probeScript = `
globalThis.__longTasks = [];
globalThis.__readyAt = {};
new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: false });
addEventListener('click', (e) => { globalThis.__clickAt = e.timeStamp; }, true);
new MutationObserver((records) => {
  for (const r of records) {
    const el = r.target;
    if (el.dataset && el.dataset.testid === 'erd.canvas' && el.dataset.layout === 'ready') {
      const domain = el.dataset.domain;
      requestAnimationFrame(() => { globalThis.__readyAt[domain] = performance.now(); });
    }
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-layout', 'data-domain'] });
`;

interface Sample {
  firstPaint: number;
  total: number;
  longTasks: number;
  longestTask: number;
}

async function settleAndCollect(page: Page, since: number): Promise<{ count: number; longest: number }> {
  await page.waitForTimeout(SETTLE_MS);
  return page.evaluate((t) => {
    const tasks = (globalThis as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start + e.duration >= t);
    return { count: tasks.length, longest: Math.max(0, ...tasks.map((e) => e.duration)) };
  }, since);
}

async function show(page: Page, click: () => Promise<void>, domain: string): Promise<Sample> {
  await page.evaluate((d) => {
    delete (globalThis as unknown as { __readyAt: Record<string, number> }).__readyAt[d];
  }, domain);
  await click();
  const handle = await page.waitForFunction(
    (d) => {
      const g = globalThis as unknown as { __readyAt: Record<string, number>; __clickAt: number };
      const canvas = document.querySelector<HTMLElement>('[data-testid="erd.canvas"]');
      const at = g.__readyAt[d];
      return at !== undefined && canvas?.dataset.domain === d ? { at, clickAt: g.__clickAt, total: Number(canvas.dataset.totalMs) } : null;
    },
    domain,
    { polling: 'raf', timeout: 300_000 },
  );
  const { at, clickAt, total } = (await handle.jsonValue()) as { at: number; clickAt: number; total: number };
  const tasks = await settleAndCollect(page, clickAt);
  return { firstPaint: at - clickAt, total, longTasks: tasks.count, longestTask: tasks.longest };
}

const showScope = (page: Page, table: string) =>
  show(
    page,
    async () => {
      await page.getByTestId('erd.scope.input').fill(table);
      await page.getByTestId('erd.scope.hops').click();
    },
    `hops:2:${table}`,
  );

const showAll = (page: Page) => show(page, () => page.getByTestId('erd.domain.all').click(), 'all');

/** From "all" as opened: wheel in on the middle until tables are drawn as nodes, then drag the map around. */
async function zoomAndPan(page: Page): Promise<{ count: number; longest: number; nodes: number }> {
  const since = await page.evaluate(() => performance.now());
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 14; i++) {
    await page.mouse.wheel(0, -250);
    await page.waitForTimeout(60);
  }
  // Grab the map between tables (a table would be dragged instead).
  const grip = await page.evaluate(({ x, y, w, h }) => {
    for (let gy = y + 20; gy < y + h - 20; gy += 12) {
      for (let gx = x + 20; gx < x + w - 20; gx += 12) {
        // The pane, or a schema's frame (not draggable: a drag there pans too).
        const under = document.elementFromPoint(gx, gy);
        if (under?.classList.contains('react-flow__pane') || under?.closest('.react-flow__node-frame')) return { x: gx, y: gy };
      }
    }
    return null;
  }, { x: pane.x, y: pane.y, w: pane.width, h: pane.height });
  if (grip) {
    await page.mouse.move(grip.x, grip.y);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(grip.x - i * 20, grip.y - i * 12);
    await page.mouse.up();
  }
  const tasks = await settleAndCollect(page, since);
  return { ...tasks, nodes: await page.locator('.react-flow__node-table').count() };
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

const row = (what: string, values: number[], target?: string): BenchRow => ({ goal: 'P12', what, ...stats(values), ...(target ? { target } : {}) });

export async function runErdBigBench(): Promise<BenchRow[]> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('no built renderer: run `npx electron-vite build` first');
  const server = await startStaticServer(rendererDir);
  const userDataDir = await mkdtemp(join(tmpdir(), 'warden-bench-erd-big-'));
  const app = await createApp({ userDataDir, secrets: createNodeSecrets(), trustedOrigins: [server.origin], validateOutput: false });
  const browser = await launchChromium();
  const rows: BenchRow[] = [];
  try {
    const db = app.services.connections.database(EMBEDDED_CONNECTION_ID);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(300_000);
    const cdp = await page.context().newCDPSession(page);
    await page.exposeBinding('__wardenInvoke', async ({ page: source, frame }, channel: unknown, input: unknown) =>
      app.router.call(channel, input, { frameUrl: frame.url(), isMainFrame: frame === source.mainFrame() }),
    );
    // tsx (esbuild keepNames) wraps functions in `__name(...)`; the serialized bridge needs it defined.
    await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    await page.addInitScript({ content: probeScript });
    await page.addInitScript(installBridge, { channels: [...channels], events: [...events] });
    page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));

    let built = 0;
    for (const size of SIZES) {
      for (let from = built; from < size; from += 250) await db.query(syntheticSql(from, Math.min(from + 249, size - 1)));
      built = size;
      // The catalog read of every schema, in main (PGlite runs on main's thread), cold; then cached.
      app.services.catalog.invalidate();
      const catalogStarted = performance.now();
      await app.services.runs.run({ connectionId: EMBEDDED_CONNECTION_ID }, undefined, (ctx) => app.services.erd.listDomains(ctx));
      const catalogMs = performance.now() - catalogStarted;
      const fingerprintStarted = performance.now();
      await readFingerprint(db);
      const fingerprintMs = performance.now() - fingerprintStarted;

      await page.goto(`${server.origin}/`);
      await page.getByTestId('app.ready').waitFor();
      await page.getByTestId('shell.nav.diagrams').click();
      await page.getByTestId('erd.managed').waitFor();
      // Warm-up (elk's start-up, first chunks loaded): one of each, not counted.
      await showScope(page, SCOPE_STARTS[0]!);
      await showAll(page);

      const scoped: Sample[] = [];
      const all: Sample[] = [];
      for (const start of SCOPE_STARTS) scoped.push(await showScope(page, start));
      const heaps: number[] = [];
      const moves: { count: number; longest: number; nodes: number }[] = [];
      for (let i = 0; i < ALL_RUNS; i++) {
        all.push(await showAll(page));
        heaps.push(await heapMb(cdp));
        moves.push(await zoomAndPan(page));
        await showScope(page, SCOPE_STARTS[i + 1]!);
      }
      await showAll(page);
      const drawn = await page.getByTestId('erd.canvas').getAttribute('data-nodes');
      const n = size.toLocaleString('en');
      rows.push(
        row(`${n} tables: cold catalog read + managed check in main (PGlite, every schema)`, [catalogMs]),
        row(`${n} tables: has-the-catalog-changed check (fingerprint) in main`, [fingerprintMs]),
        row(`${n} tables, scope "one table + 2 hops": click -> first paint (in page)`, scoped.map((s) => s.firstPaint), '≤ 300 ms'),
        row(`${n} tables, scope: graph in hand -> painted (layout + render)`, scoped.map((s) => s.total)),
        row(`${n} tables, scope: longest main-thread task (ms)`, scoped.map((s) => s.longestTask), '≤ 200 ms'),
        row(`${n} tables, scope: tasks > 50 ms per view (count)`, scoped.map((s) => s.longTasks)),
        row(`${n} tables, "all" (${drawn} drawn): click -> first paint (in page)`, all.map((s) => s.firstPaint)),
        row(`${n} tables, "all": longest main-thread task (ms)`, all.map((s) => s.longestTask), '≤ 200 ms'),
        row(`${n} tables, "all": tasks > 50 ms per view (count)`, all.map((s) => s.longTasks)),
        row(`${n} tables, "all": zoom in to ~${Math.round(median(moves.map((m) => m.nodes)))} table nodes and pan: longest task (ms)`, moves.map((m) => m.longest), '≤ 200 ms'),
        row(`${n} tables, "all": zoom and pan: tasks > 50 ms (count)`, moves.map((m) => m.count)),
        row(`${n} tables: renderer JS heap with "all" open, after GC (MB)`, heaps),
      );
    }
  } finally {
    await browser.close();
    await app.close();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
  return rows;
}

const median = (values: number[]) => stats(values).median;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runErdBigBench()
    .then((rows) => {
      for (const r of rows) console.log(`${r.goal}  ${r.what}: median ${r.median.toFixed(1)}, ${r.min.toFixed(1)}–${r.max.toFixed(1)}${r.target ? `, goal ${r.target}` : ''}`);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}
