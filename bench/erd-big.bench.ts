import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { createApp } from '../electron/main/app';
import { createNodeSecrets } from '../electron/main/secrets-node';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { channels, events } from '../shared/ipc/channels';
import { installBridge } from '../e2e/fixtures/bridge-init';
import { startStaticServer } from '../e2e/fixtures/static-server';
import { stats } from './floor';
import type { BenchRow } from './types';

/**
 * P12: diagrams of a synthetic 3,000-table schema on an UNMANAGED database (a fresh embedded
 * database, never migrated, so it is drawn from its own catalog): a scope (one table and 2
 * hops) and "all". Per sample: time to first paint (the canvas's own `data-total-ms`: graph in
 * hand -> elk in the worker -> nodes committed -> next paint), the click-to-painted wall time,
 * main-thread long tasks (PerformanceObserver 'longtask', Chromium) and JS heap
 * (performance.memory with precise memory info). Compare with P8's 540-table "all" in
 * erd.bench.ts. Never asserts.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = join(root, 'out/renderer');
const TABLES = 3000;

/**
 * Each table references one or two earlier ones (as erd.bench.ts's 500-table tangle). In
 * batches: one transaction creating 3,000 tables runs out of lock slots (max_locks_per_transaction).
 */
const syntheticSql = (from: number, to: number) => `
do $$
declare i int;
begin
  for i in ${from}..${to} loop
    execute format(
      'create table %I (id text primary key, name text not null, value integer, payload jsonb, created_at timestamp not null default now(), parent_id text %s, other_id text %s)',
      'syn_' || lpad(i::text, 4, '0'),
      case when i > 0 then format('references %I(id)', 'syn_' || lpad((i / 3)::text, 4, '0')) else '' end,
      case when i > 7 and i % 4 = 0 then format('references %I(id)', 'syn_' || lpad(((i * 37 + 11) % i)::text, 4, '0')) else '' end);
  end loop;
end $$`;

interface Sample {
  wall: number;
  total: number;
  longTasks: number;
  longestTask: number;
  heapMb: number;
}

/** Long tasks observed since the last reset, and the heap now. */
const probeScript = `
globalThis.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
`;

async function waitPainted(page: Page, domain: string, started: number): Promise<Sample> {
  const handle = await page.waitForFunction(
    (d) => {
      const canvas = document.querySelector<HTMLElement>('[data-testid="erd.canvas"]');
      return canvas?.dataset.domain === d && canvas.dataset.layout === 'ready' ? { total: canvas.dataset.totalMs } : null;
    },
    domain,
    { polling: 'raf', timeout: 300_000 },
  );
  const wall = performance.now() - started;
  const { total } = (await handle.jsonValue()) as { total: string };
  const probe = await page.evaluate(() => {
    const g = globalThis as unknown as { __longTasks: number[]; performance: { memory?: { usedJSHeapSize: number } } };
    const tasks = g.__longTasks.splice(0);
    return { tasks, heap: g.performance.memory?.usedJSHeapSize ?? 0 };
  });
  return { wall, total: Number(total), longTasks: probe.tasks.length, longestTask: Math.max(0, ...probe.tasks), heapMb: probe.heap / 1024 / 1024 };
}

async function showDomain(page: Page, domain: string): Promise<Sample> {
  await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks.splice(0));
  const started = performance.now();
  await page.getByTestId(`erd.domain.${domain}`).click();
  return waitPainted(page, domain, started);
}

async function showHops(page: Page, table: string): Promise<Sample> {
  await page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks.splice(0));
  await page.getByTestId('erd.scope.input').fill(table);
  const started = performance.now();
  await page.getByTestId('erd.scope.hops').click();
  return waitPainted(page, `hops:2:${table}`, started);
}

const row = (what: string, values: number[], target?: string): BenchRow => ({ goal: 'P12', what, ...stats(values), ...(target ? { target } : {}) });

export async function runErdBigBench(): Promise<BenchRow[]> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('no built renderer: run `npx electron-vite build` first');
  const server = await startStaticServer(rendererDir);
  const userDataDir = await mkdtemp(join(tmpdir(), 'warden-bench-erd-big-'));
  const app = await createApp({ userDataDir, secrets: createNodeSecrets(), trustedOrigins: [server.origin], validateOutput: false });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
  });
  const rows: BenchRow[] = [];
  try {
    const db = app.services.connections.database(EMBEDDED_CONNECTION_ID);
    for (let from = 0; from < TABLES; from += 250) await db.query(syntheticSql(from, Math.min(from + 249, TABLES - 1)));
    // The catalog read of 3,000 tables, in main (PGlite runs on main's thread: while it reads,
    // this process, which also drives Playwright, is busy). Measured cold, then it is cached.
    const catalogStarted = performance.now();
    await app.services.runs.run({ connectionId: EMBEDDED_CONNECTION_ID }, undefined, (ctx) => app.services.erd.listDomains(ctx));
    const catalogMs = performance.now() - catalogStarted;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(300_000);
    await page.exposeBinding('__wardenInvoke', async ({ page: source, frame }, channel: unknown, input: unknown) =>
      app.router.call(channel, input, { frameUrl: frame.url(), isMainFrame: frame === source.mainFrame() }),
    );
    await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    await page.addInitScript({ content: probeScript });
    await page.addInitScript(installBridge, { channels: [...channels], events: [...events] });
    page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));
    await page.goto(`${server.origin}/`);
    await page.getByTestId('app.ready').waitFor();
    await page.getByTestId('shell.nav.diagrams').click();
    await page.getByTestId('erd.managed').waitFor();

    const scoped: Sample[] = [];
    const all: Sample[] = [];
    // Different start tables each time (no layout cache hit), "all" between them (a fresh mount).
    const starts = ['syn_1500', 'syn_0700', 'syn_2222', 'syn_0042', 'syn_2999', 'syn_1234'];
    for (const [i, start] of starts.entries()) {
      const s = await showHops(page, start);
      const a = await showDomain(page, 'all');
      if (i > 0) {
        scoped.push(s);
        all.push(a);
      }
    }
    const nodes = await page.getByTestId('erd.canvas').getAttribute('data-nodes');
    rows.push(
      row('3,000 tables: catalog read + managed check in main, cold (PGlite, every schema)', [catalogMs]),
      row('3,000 tables, scope "one table + 2 hops": time to first paint (layout + render)', scoped.map((s) => s.total), '≤ 300 ms'),
      row('3,000 tables, scope: click -> painted (wall, incl. IPC + catalog cache)', scoped.map((s) => s.wall)),
      row('3,000 tables, scope: longest main-thread task (ms)', scoped.map((s) => s.longestTask), '≤ 200 ms'),
      row(`3,000 tables, "all" (draws ${nodes} most-connected, capped): time to first paint`, all.map((s) => s.total)),
      row('3,000 tables, "all": click -> painted (wall)', all.map((s) => s.wall)),
      row('3,000 tables, "all": long tasks per view (count)', all.map((s) => s.longTasks)),
      row('3,000 tables, "all": longest main-thread task (ms)', all.map((s) => s.longestTask), '≤ 200 ms'),
      row('3,000 tables: renderer JS heap after "all" (MB)', all.map((s) => s.heapMb)),
    );
  } finally {
    await browser.close();
    await app.close();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
  return rows;
}

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
