import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { openPostgres } from '../electron/main/db/postgres';
import { quoteIdent } from '../electron/main/db/quote';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import { parsePostgresUrl } from '../electron/main/db/url';
import { identityTransaction } from '../electron/main/db/own-transactions';
import { readPage } from '../electron/main/services/records/reads';
import { serviceFor } from '../electron/main/services/records/test-helpers';
import { readTableInfo as tableInfo } from '../electron/main/services/records/table-info';
import { DEMO_ADMIN_ID, DEMO_ALICE_ID, DEMO_USERS, seedDemoData } from '@repo/database/seed';
import { measureImpersonatedScreen } from './data-screen';
import { measure, type Stats } from './floor';
import type { BenchRow } from './types';
import { serverUrl } from './workload';

/**
 * P7: an impersonated first page (rlsDb: BEGIN, role + claims with set_config, identity checks
 * before and after, the page, COMMIT/ROLLBACK) against the same first page as the connection,
 * through the records service, on a freshly migrated and seeded database (the policies and
 * grants are the real ones). As admin the policy admits every row, so both pages carry the same
 * 100 rows; the regular user's page is reported too (fewer rows: no ratio target). The raw
 * postgres.js query is the floor. Never asserts.
 */
export async function runImpersonationBench(): Promise<BenchRow[]> {
  const base = parsePostgresUrl(serverUrl());
  const name = `warden_bench_imp_${randomBytes(3).toString('hex')}`;
  const admin = await openPostgres({ ...base, max: 1 });
  await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  const rows: BenchRow[] = [];
  try {
    const db = await openPostgres({ ...base, database: name, max: 4 });
    try {
      await applyMigrationsWithDrizzle(db);
      await seedDemoData(db, { scale: 4 });
      const users = Number((await db.query<{ n: string }>('select count(*) as n from "user"')).rows[0]!.n);
      const records = serviceFor(() => db);
      const ref = { connectionId: 'bench', schema: 'public', table: 'user', filters: [], limit: 100, cellCap: 500 };
      const asAdmin = { role: 'admin' as const, userId: DEMO_ADMIN_ID };
      const asAlice = { role: 'user' as const, userId: DEMO_ALICE_ID };
      await records.page(ref);
      await records.page({ ...ref, as: asAdmin });

      const raw = await measure(() => db.query('select * from "user" order by id limit 100'), 40, 5);
      const rawRls = await measure(() => rlsDb(db).rls(DEMO_ADMIN_ID, 'admin', (tx) => tx.raw.query('select * from "user" order by id limit 100')), 40, 5);
      const plain = await measure(() => records.page(ref), 40, 5);
      const impersonated = await measure(() => records.page({ ...ref, as: asAdmin }), 40, 5);
      const asUser = await measure(() => records.page({ ...ref, as: asAlice }), 40, 5);
      const add = (what: string, s: Stats, floor: Stats, target?: string, pass?: boolean) =>
        rows.push({ goal: 'P7', what, ...s, floor: floor.median, ratio: s.median / floor.median, ...(target ? { target } : {}), ...(pass !== undefined ? { pass } : {}) });
      // Service level (no paint): the database round trips rlsDb adds, seen without the rest of a page.
      add(`component: impersonated first page as admin vs plain, records service only ("user", ${users} rows, 100 shown)`, impersonated, plain);
      add('plain first page (records service) vs raw postgres.js', plain, raw);
      add('rlsDb around the raw query vs the raw query (the wrapper alone)', rawRls, raw);
      add('impersonated first page as a regular user (1 row visible) vs plain first page', asUser, plain);
      // The receipt's share (read in the page's READ ONLY transaction, issue 7): the same page without it.
      const info = await tableInfo(db, 'public', 'user');
      const noReceipt = await measure(() => identityTransaction(db, asAdmin, { readOnly: true, commit: false }, (q) => readPage(q, info, { filters: [], limit: 100, cellCap: 500 })), 40, 5);
      add('of which without the identity receipt (rlsDb + page + estimate only) vs plain first page', noReceipt, plain);
      // The goal at the level P1 defines a first page: click -> 100 rows painted on the Data screen.
      const dbUrl = new URL(serverUrl());
      dbUrl.pathname = `/${name}`;
      const screen = await measureImpersonatedScreen(dbUrl.toString(), { ...asAdmin, email: DEMO_USERS.admin.email });
      const screenRatio = screen.impersonated.median / screen.plain.median;
      add('Data screen: click `user` -> 100 rows painted, View as admin vs as the connection (Chromium, real router)', screen.impersonated, screen.plain, '≤ 1.3×', screenRatio <= 1.3);
    } finally {
      await db.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await admin.close();
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await runImpersonationBench();
  for (const r of rows) {
    console.log(`${r.goal}  ${r.what}\n     median ${r.median.toFixed(3)} ms  min ${r.min.toFixed(3)}  max ${r.max.toFixed(3)}  floor ${r.floor?.toFixed(3)}  ratio ${r.ratio?.toFixed(2)}× ${r.target ?? ''} ${r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS'}`);
  }
}
