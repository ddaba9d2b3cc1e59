import { fileURLToPath } from 'node:url';
import { serialize } from 'node:v8';
import type { Database } from '../electron/main/db/driver';
import { openPostgres } from '../electron/main/db/postgres';
import { parsePostgresUrl } from '../electron/main/db/url';
import { recordsHandlers } from '../electron/main/ipc/handlers/records';
import { createRouter, type Handlers } from '../electron/main/ipc/router';
import { type PageSqlOptions, pageSql } from '../electron/main/services/records/page-sql';
import { RecordsService } from '../electron/main/services/records/records-service';
import { recordsCalls } from '../electron/main/services/records/test-helpers';
import { standaloneCatalog } from '../electron/main/services/catalog/ours';
import { registryOf } from '../electron/main/db/run-context';
import { type TableInfo, readTableInfo as tableInfo } from '../electron/main/services/records/table-info';
import type { Page } from '../shared/ipc/contracts/records';
import { type Floor, measure, type Stats, stats } from './floor';
import { dataScreenRows } from './data-screen';
import type { BenchRow } from './types';
import { benchDatabaseUrl, rawClient, userId } from './workload';

/**
 * P1–P6 and P11 for the data browser on the 1,000,000-row `user` table of `warden_bench`:
 * each Warden figure goes through the real router (sender check, Zod input parse, service,
 * envelope) and `v8.serialize` of the reply (what Electron's IPC does), and is divided by the
 * raw postgres.js figure for the same rows, measured here in the same run. Never asserts.
 */
export async function runRecordsBench(context?: { floor?: Floor }): Promise<BenchRow[]> {
  const url = benchDatabaseUrl();
  const db = await openPostgres({ ...parsePostgresUrl(url), max: 4 });
  const raw = rawClient(url, 1);
  const sender = { frameUrl: 'app://warden/index.html', isMainFrame: true };
  const runs = registryOf(() => db);
  const service = new RecordsService({ catalog: standaloneCatalog(), userDataDir: '/tmp', emit: () => {} });
  const records = recordsCalls(service, runs);
  const router = createRouter({
    handlers: recordsHandlers({ records: service, runs }) as Handlers,
    trustedOrigins: ['app://warden'],
    // Production builds skip output validation (the renderer trusts main's own contract).
    validateOutput: false,
  });
  const ref = { connectionId: 'bench', schema: 'public', table: 'user' };
  const ipc = async (channel: string, input: unknown): Promise<unknown> => {
    const reply = await router.call(channel, input, sender);
    serialize(reply);
    if (!(reply as { ok: boolean }).ok) throw new Error(`${channel}: ${JSON.stringify((reply as { error: unknown }).error)}`);
    return (reply as { data: unknown }).data;
  };
  const rows: BenchRow[] = [];
  const add = (goal: string, what: string, s: Stats, floor: Stats | undefined, target?: string) =>
    rows.push({ goal, what, ...s, ...(floor ? { floor: floor.median } : {}), ...(target ? { target } : {}) });

  try {
    // Warm the catalog cache and both connections once; a real session does the same on open.
    await ipc('records.page', { ...ref });
    const deep = userId(500_000);

    const rawFirst = await measure(() => raw`select * from "user" order by id limit 100`);
    const first = await measure(() => ipc('records.page', { ...ref, limit: 100 }));
    // Components of P1/P2 against the raw driver (the goals themselves are the Data screen rows).
    add('P1', 'component: first page, 100 rows (router + service + serialize, with planner estimate) vs raw driver', first, context?.floor?.firstPage ?? rawFirst);

    const rawDeep = await measure(() => raw`select * from "user" where id > ${deep} order by id limit 100`);
    const deepPage = await measure(() => ipc('records.page', { ...ref, limit: 100, after: [deep] }));
    add('P2', 'component: page at row 500,000 by keyset (router + service + serialize) vs raw driver', deepPage, rawDeep);
    const service = await measure(() => records.page({ ...ref, filters: [], limit: 100, cellCap: 500, after: [deep] }));
    // "Database time ≤ 2× raw keyset": measured from the client, since EXPLAIN ANALYZE leaves out
    // the raw query's output conversion that Warden's text casts do inside the plan.
    add('P2', 'database time: page at row 500,000, service only (prepared keyset query + text casts) vs raw keyset', service, rawDeep, '≤ 2×');

    const estimate = await measure(() => records.page({ ...ref, filters: [], limit: 1, cellCap: 16 }));
    const rawCount = await measure(() => raw`select count(*) from "user"`, 5, 1);
    const count = await measure(() => ipc('records.count', { ...ref, timeoutMs: 60_000 }), 5, 1);
    add('P3', 'first page incl. planner estimate (limit 1): what a count would block', estimate, rawCount, '≤ 0.1×');
    add('P3', 'exact count on request (under statement_timeout)', count, rawCount, '≤ 1.2×');

    const rawSort = await measure(() => raw`select * from "user" order by name, id limit 100`, 10, 1);
    const sort = await measure(() => ipc('records.page', { ...ref, sort: { column: 'name', direction: 'asc' } }), 10, 1);
    add('P4', 'sort on an unindexed column (name), first page', sort, rawSort, '≤ 1.2×');
    const info = await tableInfo(db, 'public', 'user');
    const plans = await explainPair(db, raw, pageSqlFor(info, { sort: { column: 'name', direction: 'asc' } }), 'select * from "user" order by name, id limit 100');
    add('P4', `sort on name: server execution time (EXPLAIN ANALYZE), Warden's page SQL vs the raw query; plans: ${plans.shapes}`, plans.warden, plans.raw, '≤ 1.2×');

    const pattern = '%user4242%';
    const rawFilter = await measure(() => raw`select * from "user" where email ilike ${pattern} order by id limit 100`, 10, 1);
    const filter = await measure(() => ipc('records.page', { ...ref, filters: [{ column: 'email', op: 'contains', value: 'user4242' }] }), 10, 1);
    add('P5', 'contains filter on one column (ILIKE, bound, unprepared), first page', filter, rawFilter, '≤ 1.2×');

    const noEstimate = await measure(() => records.page({ ...ref, filters: [], limit: 100, cellCap: 500, after: ['u0000001'] }));
    const viaRouter = await measure(() => ipc('records.page', { ...ref, limit: 100, after: ['u0000001'] }));
    const overhead = { median: viaRouter.median - noEstimate.median, min: viaRouter.min - noEstimate.min, max: viaRouter.max - noEstimate.max };
    rows.push({ goal: 'P6', what: 'router + Zod input parse + serialize added per page', ...overhead, target: '≤ 1 ms' });

    // P11: heap after browsing 50 keyset pages, against the heap after the first 10.
    const heap = () => {
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage().heapUsed / 1024 / 1024;
    };
    let after: Page['nextCursor'] = null;
    let at10 = 0;
    for (let i = 1; i <= 50; i++) {
      const page = (await ipc('records.page', { ...ref, limit: 100, ...(after ? { after } : {}) })) as Page;
      after = page.nextCursor;
      if (i === 10) at10 = heap();
    }
    const at50 = heap();
    rows.push({
      goal: 'P11',
      what: `main heap growth from page 10 to page 50 (MB; ${at10.toFixed(1)} -> ${at50.toFixed(1)}${(globalThis as { gc?: unknown }).gc ? '' : ', no --expose-gc'})`,
      median: at50 - at10,
      min: at50 - at10,
      max: at50 - at10,
      target: 'bounded (≈ 0)',
      pass: at50 - at10 < 8,
    });
  } finally {
    await raw.end();
    await db.close();
  }
  return rows;
}

interface PlanNode {
  'Node Type': string;
  Plans?: PlanNode[];
}

/** `Limit > Gather Merge > Sort > Parallel Seq Scan`: the plan's node types, depth first. */
const shape = (node: PlanNode): string =>
  [node['Node Type'], ...(node.Plans ?? []).map((child) => `(${shape(child)})`)].join(' > ').replace(/ > \(([^()]*)\)$/, ' > $1');

const pageSqlFor = (info: TableInfo, options: Partial<PageSqlOptions>) => pageSql(info, { filters: [], limit: 100, cellCap: 500, ...options });

/**
 * The database side of a goal: Warden's page SQL and the raw query under EXPLAIN (ANALYZE,
 * TIMING OFF), alternately; server execution times and both plan shapes (logged).
 */
async function explainPair(db: Database, raw: ReturnType<typeof rawClient>, built: { text: string; params: unknown[] }, rawText: string): Promise<{ warden: Stats; raw: Stats; shapes: string }> {
  const explain = 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ';
  const times = { warden: [] as number[], raw: [] as number[] };
  const plans = { warden: '', raw: '' };
  const read = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as { Plan: PlanNode; 'Execution Time': number }[];
  for (let i = 0; i < 16; i++) {
    const w = read((await db.query<{ 'QUERY PLAN': unknown }>(explain + built.text, built.params)).rows[0]!['QUERY PLAN'])[0]!;
    const r = read((await raw.unsafe(explain + rawText))[0]!['QUERY PLAN'])[0]!;
    if (i === 0) continue;
    times.warden.push(w['Execution Time']);
    times.raw.push(r['Execution Time']);
    plans.warden = shape(w.Plan);
    plans.raw = shape(r.Plan);
  }
  console.log(`plans\n  warden: ${plans.warden}\n  raw:    ${plans.raw}`);
  return { warden: stats(times.warden), raw: stats(times.raw), shapes: `Warden ${plans.warden}; raw ${plans.raw}` };
}

/**
 * P1/P2 on the real Data screen in Chromium (bench/data-screen.ts), against the plain-table
 * floor of bench/floor.ts measured in the same run. Needs the built renderer.
 */
export async function runRecordsScreenBench(context?: { floor?: Floor }): Promise<BenchRow[]> {
  return dataScreenRows(context?.floor);
}

// `npx tsx bench/records.bench.ts` runs this file alone (bench/run.ts imports it otherwise).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { ensureBenchWorkload } = await import('./workload');
  await ensureBenchWorkload();
  const { complete, renderTable } = await import('./run');
  const { measureFloor } = await import('./floor');
  const { floor } = await measureFloor();
  const only = process.argv[2];
  const rows = [
    ...(only === 'screen' ? [] : await runRecordsBench({ floor })),
    ...(only === 'service' ? [] : await runRecordsScreenBench({ floor })),
  ];
  console.log(renderTable(rows.map(complete)));
}
