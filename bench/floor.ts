import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serialize } from 'node:v8';
import type { BenchRow } from './types';
import { benchDatabaseUrl, rawClient, userId } from './workload';

/**
 * The floor of docs/performance.md: what the raw driver does for the same work, measured in the
 * same run as Warden. postgres.js straight against `warden_bench`, and a plain `<table>` page
 * in the same Chromium drawing 100 rows fetched over a local HTTP hop. Nothing is asserted.
 */
export interface Stats {
  median: number;
  min: number;
  max: number;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; milliseconds. */
export async function measure(fn: () => Promise<unknown> | unknown, runs = 30, warmup = 3): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return stats(times);
}

export function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

/** Floor figures other bench files may divide by (keys are stable). */
export interface Floor {
  firstPage: Stats;
  keysetPage: Stats;
  offsetPage: Stats;
  exactCount: Stats;
  estimate: Stats;
  tenThousand: Stats;
  serialize100: Stats;
  chromiumPage?: Stats;
}

const row = (what: string, s: Stats, target?: string): BenchRow => ({ goal: 'floor', what, ...s, ...(target ? { target } : {}) });

export async function measureFloor(log: (line: string) => void = console.log): Promise<{ floor: Floor; rows: BenchRow[] }> {
  const sql = rawClient(benchDatabaseUrl(), 1);
  try {
    const deep = userId(500_000);
    log('floor: raw postgres.js on warden_bench');
    const firstPage = await measure(() => sql`select * from "user" order by id limit 100`);
    const keysetPage = await measure(() => sql`select * from "user" where id > ${deep} order by id limit 100`);
    const offsetPage = await measure(() => sql`select * from "user" order by id limit 100 offset 500000`, 10, 1);
    const exactCount = await measure(() => sql`select count(*) from "user"`, 10, 1);
    const estimate = await measure(() => sql`select reltuples::bigint as n from pg_class where oid = 'public."user"'::regclass`);
    const tenThousand = await measure(() => sql`select * from "user" order by id limit 10000`, 10, 2);
    const page = await sql`select * from "user" order by id limit 100`;
    const plain = page.map((r) => ({ ...r }));
    const serialize100 = await measure(() => serialize(plain), 200, 20);
    const floor: Floor = { firstPage, keysetPage, offsetPage, exactCount, estimate, tenThousand, serialize100 };
    try {
      floor.chromiumPage = await measureChromiumPage(sql);
    } catch (err) {
      log(`floor: Chromium page not measured (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
    }
    const rows: BenchRow[] = [
      row('first page, 100 rows by primary key (1M rows)', firstPage),
      row('page at row 500,000 by keyset', keysetPage),
      row('the same page by OFFSET 500000', offsetPage),
      row('exact count(*)', exactCount),
      row('pg_class.reltuples estimate', estimate),
      row('10,000 rows', tenThousand),
      row('v8.serialize of 100 rows (IPC)', serialize100),
    ];
    if (floor.chromiumPage) rows.push(row('click -> 100 rows painted, plain <table> over local HTTP', floor.chromiumPage));
    return { floor, rows };
  } finally {
    await sql.end();
  }
}

const pageHtml = `<!doctype html><meta charset="utf-8"><title>floor</title>
<button id="go">load</button><table id="t"></table>
<script>
// One measured action: click -> fetch 100 rows -> build a plain table -> two frames (painted).
window.runOnce = () => new Promise((resolve) => {
  const button = document.getElementById('go');
  button.onclick = async () => {
    const started = performance.now();
    const rows = await (await fetch('/rows')).json();
    const table = document.getElementById('t');
    const body = document.createElement('tbody');
    for (const r of rows) {
      const tr = document.createElement('tr');
      for (const v of Object.values(r)) {
        const td = document.createElement('td');
        td.textContent = v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    table.replaceChildren(body);
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
  };
  button.click();
});
</script>`;

/** A plain page in Debian's Chromium (never a downloaded browser), served by a local HTTP server backed by the raw driver. */
async function measureChromiumPage(sql: ReturnType<typeof rawClient>, runs = 30): Promise<Stats> {
  const { chromium } = await import('@playwright/test');
  const server = createServer(async (req, res) => {
    if (req.url === '/rows') {
      const rows = await sql`select * from "user" order by id limit 100`;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(rows));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(pageHtml);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const ms = await page.evaluate(() => (window as unknown as { runOnce(): Promise<number> }).runOnce());
      if (i >= 3) times.push(ms);
    }
    return stats(times);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
