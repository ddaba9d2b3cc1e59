import type { Page } from '@playwright/test';
import type { App } from '../electron/main/app';
import { parsePostgresUrl } from '../electron/main/db/url';
import { openBrowserApp, type Transport } from './browser-app';
import { type Floor, type Stats, stats } from './floor';
import type { BenchRow } from './types';
import { BENCH_TABLES, benchDatabaseUrl, userId } from './workload';

/**
 * P1/P2 as docs/performance.md defines them: "action -> 100 rows painted in the grid, through IPC",
 * on Warden's real Data screen (built renderer, real router and services; see browser-app.ts),
 * against the floor "click -> 100 rows painted, plain <table> over a local HTTP hop" measured in
 * the same Chromium in the same run (bench/floor.ts). Both are timed inside the page, from the
 * click (or the submit) to two animation frames after a MutationObserver saw the 100 rows, the
 * same end point as the floor's. Never asserts.
 *
 * Measured twice: over the old harness's Playwright binding (a CDP round trip per call, slower
 * than Electron's ipcRenderer.invoke) and over browser mode's WebSocket, the product's own
 * transport (P13).
 */

// In the page (a string: tsx would otherwise wrap functions in `__name`). Resolves with the
// milliseconds from the action to two frames after the grid of `table` holds 100 rows whose
// first key is `firstKey` (any, if null).
const pageScript = `
(() => {
  const ready = (table, firstKey) => {
    const view = document.querySelector('[data-testid="data.view.' + table + '"]');
    const grid = view && view.querySelector('[data-testid="data.grid"]');
    if (!grid || grid.getAttribute('data-rows') !== '100') return false;
    const cell = grid.querySelector('[data-testid="data.grid.cell.0.id"] .cell-text');
    return Boolean(cell) && (firstKey === null || cell.textContent === firstKey);
  };
  const timed = (action, table, firstKey) => new Promise((resolve, reject) => {
    let done = false;
    const started = performance.now();
    const finish = () => {
      if (done || !ready(table, firstKey)) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
    };
    const observer = new MutationObserver(finish);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no 100 rows of ' + table + ' within 60 s')); }, 60000);
    action();
  });
  globalThis.__benchOpen = (table, firstKey) =>
    timed(() => document.querySelector('[data-testid="data.table.' + table + '"]').click(), table, firstKey);
  globalThis.__benchGoto = (table, key) =>
    timed(() => document.querySelector('[data-testid="data.goto"]').closest('form').requestSubmit(), table, key);
})();
`;

interface BenchWindow {
  __benchOpen(table: string, firstKey: string | null): Promise<number>;
  __benchGoto(table: string, key: string): Promise<number>;
}

/** Reloads the app, makes the bench connection active, opens the Data screen and one other table (warm code). */
async function freshDataScreen(page: Page, connectionId: string, name = 'warden_bench', warmTable: string = BENCH_TABLES.usage): Promise<void> {
  await page.reload();
  await page.getByTestId('app.ready').waitFor({ timeout: 60_000 });
  await page.getByTestId('connections.switcher').click();
  await page.getByTestId(`connections.switcher.option.${connectionId}`).click();
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="connections.switcher.name"]')?.textContent === expected &&
      document.querySelector('[data-testid="connections.switcher.state"]')?.getAttribute('data-state') === 'ready',
    name,
    { polling: 'raf', timeout: 60_000 },
  );
  await page.getByTestId('shell.nav.data').click();
  await page.getByTestId(`data.table.${BENCH_TABLES.user}`).waitFor({ timeout: 60_000 });
  // The grid's code runs once on another table, so the measured open is not the first render.
  await page.evaluate((t) => (window as unknown as BenchWindow).__benchOpen(t, null), warmTable);
}

export interface ImpersonatedScreenFigures {
  plain: Stats;
  impersonated: Stats;
}

/**
 * P7 at the level P1 defines a first page (action -> 100 rows painted in the grid): the same
 * Data screen open of `user` on a migrated, seeded database, as the connection and with "View as"
 * on (set through the top bar's picker, so every read runs in rlsDb with its receipt). Samples
 * alternate, each on a freshly reloaded app. Never asserts.
 */
export async function measureImpersonatedScreen(
  databaseUrl: string,
  identity: { role: 'user' | 'admin' | 'support'; userId: string; email: string },
  samples = 12,
): Promise<ImpersonatedScreenFigures> {
  const harness = await openBrowserApp();
  try {
    const { app, page } = harness;
    await page.addInitScript({ content: pageScript });
    const name = 'warden_bench_imp';
    const saved = await saveConnection(app, databaseUrl, name);
    const plain: number[] = [];
    const impersonated: number[] = [];
    for (let i = 0; i < samples + 2; i++) {
      for (const viewAs of [false, true]) {
        await freshDataScreen(page, saved.id, name, 'usage_record');
        if (viewAs) {
          await page.getByTestId('impersonate.view-as').click();
          await page.getByTestId('impersonate.view-as.role').selectOption(identity.role);
          await page.getByTestId('impersonate.view-as.search').fill(identity.email);
          await page.getByTestId(`impersonate.view-as.user.${identity.userId}`).click();
          await page.getByTestId('impersonate.banner').waitFor({ timeout: 60_000 });
        }
        const ms = await page.evaluate((t) => (window as unknown as BenchWindow).__benchOpen(t, null), BENCH_TABLES.user);
        if (i >= 2) (viewAs ? impersonated : plain).push(ms);
      }
    }
    return { plain: stats(plain), impersonated: stats(impersonated) };
  } finally {
    await harness.close();
  }
}

export interface DataScreenFigures {
  open: Stats;
  goTo: Stats;
  /** One records.page round trip through the transport, minus main's time. */
  trip: Stats;
  /** IPC calls one open makes, in order, with main's time for each (the last sample). */
  openCalls: string[];
}

export async function measureDataScreen(samples = 15, transport: Transport = 'binding'): Promise<DataScreenFigures> {
  const harness = await openBrowserApp(transport);
  try {
    const { app, page } = harness;
    const calls: CallRecord[] = [];
    recordCalls(app, calls);
    await page.addInitScript({ content: pageScript });
    const saved = await saveConnection(app, benchDatabaseUrl(), 'warden_bench');
    const opens: number[] = [];
    let openCalls: string[] = [];
    for (let i = 0; i < samples + 2; i++) {
      await freshDataScreen(page, saved.id);
      calls.length = 0;
      const ms = await page.evaluate((t) => (window as unknown as BenchWindow).__benchOpen(t, null), BENCH_TABLES.user);
      openCalls = describeCalls(calls);
      if (i >= 2) opens.push(ms);
    }
    // Go to key: a different key each time, so every sample is a fresh page read (no cache).
    const gotos: number[] = [];
    for (let i = 0; i < samples + 2; i++) {
      const key = userId(500_000 + i * 1013);
      await page.getByTestId('data.goto').fill(key);
      const ms = await page.evaluate(([t, k]) => (window as unknown as BenchWindow).__benchGoto(t!, k!), [BENCH_TABLES.user, key]);
      if (i >= 2) gotos.push(ms);
    }
    // The harness's IPC alone: the grid's records.page call made straight from the page (no
    // React), main's own time taken out. Playwright serializes the reply value by value over
    // CDP, where Electron's IPC structured-clones it (floor: v8.serialize of 100 rows).
    const trips: number[] = [];
    const input = { connectionId: saved.id, schema: 'public', table: BENCH_TABLES.user, filters: [], limit: 100, cellCap: 500 };
    for (let i = 0; i < 25; i++) {
      calls.length = 0;
      const rt = await page.evaluate(async (pageInput) => {
        const started = performance.now();
        await window.warden?.invoke('records.page', pageInput);
        return performance.now() - started;
      }, input);
      if (i >= 5) trips.push(rt - (calls[0]?.ms ?? 0));
    }
    return { open: stats(opens), goTo: stats(gotos), openCalls, trip: stats(trips) };
  } finally {
    await harness.close();
  }
}

/** Saves a database URL as a development connection of the app, the way the dialog would. */
async function saveConnection(app: App, databaseUrl: string, name: string) {
  const url = parsePostgresUrl(databaseUrl);
  return app.services.connections.save({
    name,
    environment: 'development',
    host: url.host,
    port: url.port,
    user: url.user,
    database: url.database,
    sslmode: 'disable',
    ...(url.password ? { password: url.password } : {}),
  });
}

interface CallRecord {
  channel: string;
  started: number;
  ms: number;
}

/** Wraps the router to record each call's channel, start and main-side time. */
function recordCalls(app: App, log: CallRecord[]): void {
  const call = app.router.call.bind(app.router);
  app.router.call = async (channel, input, sender) => {
    const started = performance.now();
    try {
      return await call(channel, input, sender);
    } finally {
      log.push({ channel: String(channel), started, ms: performance.now() - started });
    }
  };
}

/** `records.page @1.2 +3.4 ms`: start relative to the first call, and duration in main. */
function describeCalls(log: CallRecord[]): string[] {
  const t0 = Math.min(...log.map((c) => c.started));
  return [...log].sort((a, b) => a.started - b.started).map((c) => `${c.channel} @${(c.started - t0).toFixed(1)} +${c.ms.toFixed(1)} ms`);
}

export async function dataScreenRows(floor: Floor | undefined): Promise<BenchRow[]> {
  const figures = await measureDataScreen();
  const base = floor?.chromiumPage?.median;
  console.log(`data screen: one table open made these IPC calls: ${figures.openCalls.join('; ')}`);
  // P13: the same screen and actions through browser mode's WebSocket (the product's transport).
  const web = await measureDataScreen(15, 'websocket');
  return [
    {
      goal: 'P1',
      what: 'Data screen: click the 1M-row table -> 100 rows painted (Chromium, real router, IPC binding)',
      ...figures.open,
      ...(base ? { floor: base } : {}),
      target: '≤ 1.5×',
    },
    {
      goal: 'P2',
      what: 'Data screen: go to key at row 500,000 -> 100 rows painted',
      ...figures.goTo,
      ...(base ? { floor: base } : {}),
      target: '≤ 2×',
    },
    {
      goal: 'P1',
      what: `of the above: the harness's transport for one records.page reply (Playwright binding over CDP, not Electron IPC), main's time excluded; an open makes ${figures.openCalls.length} calls`,
      ...figures.trip,
    },
    {
      goal: 'P13',
      what: 'P1 through browser mode: click the 1M-row table -> 100 rows painted (real server, WebSocket bridge)',
      ...web.open,
      ...(base ? { floor: base } : {}),
      target: '≤ 1.5×',
    },
    {
      goal: 'P13',
      what: 'P2 through browser mode: go to key at row 500,000 -> 100 rows painted (WebSocket)',
      ...web.goTo,
      ...(base ? { floor: base } : {}),
      target: '≤ 2×',
    },
    {
      goal: 'P13',
      what: `of the above: one records.page reply over the WebSocket (JSON frames), main's time excluded; an open makes ${web.openCalls.length} calls`,
      ...web.trip,
    },
  ];
}
