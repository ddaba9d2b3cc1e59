import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Floor, measureFloor } from './floor';
import type { BenchRow } from './types';
import { benchDatabaseUrl, ensureBenchWorkload, rawClient } from './workload';

/**
 * `npm run bench`: builds (or reuses) the reference workload, measures the floor, then imports
 * every `bench/*.bench.ts` and runs each exported `run<Domain>Bench()`, and prints one table of
 * medians, min/max, ratios against the floor measured in this same run, and pass / fall-short
 * against docs/performance.md's goals. It never asserts and never fails on a slow figure: a bench
 * that throws is reported as a row and the rest still run. The table is also written to
 * bench/output/latest.md for the README.
 *
 * Each bench function is called with a context it may ignore: `{ floor, databaseUrl }`.
 */
export interface BenchContext {
  floor: Floor;
  databaseUrl: string;
}

type BenchFn = (context: BenchContext) => Promise<BenchRow[]>;

const here = dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const log = (line: string) => console.log(line);
  const started = performance.now();
  const databaseUrl = await ensureBenchWorkload(log);
  const serverVersion = await readServerVersion();
  const { floor, rows: floorRows } = await measureFloor(log);
  const context: BenchContext = { floor, databaseUrl };

  const rows: BenchRow[] = [...floorRows];
  // BENCH_ONLY=records,startup runs only those bench files (the floor is always measured).
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean);
  const files = (await readdir(here))
    .filter((f) => f.endsWith('.bench.ts') && (!only || only.includes(f.replace(/\.bench\.ts$/, ''))))
    .sort();
  if (files.length === 0) log('no bench/*.bench.ts files yet: only the floor was measured');
  for (const file of files) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(join(here, file)).href)) as Record<string, unknown>;
    } catch (err) {
      rows.push(failedRow(file, 'import', err));
      continue;
    }
    const fns = Object.entries(mod).filter((e): e is [string, BenchFn] => /^run\w*Bench$/.test(e[0]) && typeof e[1] === 'function');
    if (fns.length === 0) log(`${file}: exports no run<Domain>Bench function`);
    for (const [name, fn] of fns) {
      log(`running ${file} ${name} ...`);
      try {
        rows.push(...(await fn(context)).map(complete));
      } catch (err) {
        rows.push(failedRow(file, name, err));
      }
    }
  }

  const header = [
    `Warden benchmarks — ${new Date().toISOString()}`,
    `${serverVersion}; Node ${process.version}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; database ${new URL(databaseUrl).pathname.slice(1)}`,
    'Times in ms (median, min–max). Ratio = median / floor measured in this run. Never asserted.',
  ];
  const table = renderTable(rows);
  console.log(`\n${header.join('\n')}\n\n${table}\n`);
  const fallShort = rows.filter((r) => r.pass === false).length;
  console.log(`${rows.length} rows, ${rows.filter((r) => r.pass === true).length} pass, ${fallShort} fall short; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  await mkdir(join(here, 'output'), { recursive: true });
  await writeFile(join(here, 'output', 'latest.md'), `${header.map((h) => `${h}  `).join('\n')}\n\n${renderMarkdown(rows)}\n`);
}

/** Fills ratio from floor, and pass from a "≤ N×" or "≤ N ms" target, when the bench left them out. */
export function complete(row: BenchRow): BenchRow {
  const out = { ...row };
  if (out.ratio === undefined && out.floor && out.floor > 0) out.ratio = out.median / out.floor;
  if (out.pass === undefined && out.target) {
    const times = /≤\s*([\d.]+)\s*×/.exec(out.target);
    const ms = /≤\s*([\d.,]+)\s*(ms|s)\b/.exec(out.target);
    if (times && out.ratio !== undefined) out.pass = out.ratio <= Number(times[1]);
    else if (ms) out.pass = out.median <= Number(ms[1]!.replace(',', '')) * (ms[2] === 's' ? 1000 : 1);
  }
  return out;
}

function failedRow(file: string, name: string, err: unknown): BenchRow {
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  console.error(`${file} ${name} failed: ${message}`);
  return { goal: file.replace(/\.bench\.ts$/, ''), what: `FAILED ${name}: ${message}`, median: Number.NaN, min: Number.NaN, max: Number.NaN, pass: false };
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const verdict = (r: BenchRow) => (r.pass === undefined ? '' : r.pass ? 'pass' : 'fall short');

function cells(r: BenchRow): string[] {
  return [r.goal, r.what, ms(r.median), `${ms(r.min)}–${ms(r.max)}`, ms(r.floor), r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`, r.target ?? '', verdict(r)];
}

const columns = ['goal', 'what', 'median', 'min–max', 'floor', 'ratio', 'target', 'result'];

export function renderTable(rows: BenchRow[]): string {
  const data = rows.map(cells);
  const widths = columns.map((c, i) => Math.min(70, Math.max(c.length, ...data.map((d) => d[i]!.length))));
  const clip = (v: string, w: number) => (v.length > w ? `${v.slice(0, w - 1)}…` : v);
  const line = (values: string[]) =>
    values.map((v, i) => (i >= 2 && i <= 5 ? clip(v, widths[i]!).padStart(widths[i]!) : clip(v, widths[i]!).padEnd(widths[i]!))).join('  ');
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...data.map(line)].join('\n');
}

function renderMarkdown(rows: BenchRow[]): string {
  const esc = (v: string) => v.replace(/\|/g, '\\|');
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`)].join('\n');
}

async function readServerVersion(): Promise<string> {
  const sql = rawClient(benchDatabaseUrl());
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version') as v`;
    return `PostgreSQL ${row?.v ?? '?'}`;
  } finally {
    await sql.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
