import fc from 'fast-check';
import { createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm';
import { expect, it } from 'vitest';
import * as schema from '../schema';
import { allTables } from '../domains';
import { tableZod } from '../zod';
import type { Database } from '../../../../electron/main/db/driver';
import { applyMigrationsWithDrizzle } from '../migrate';
import { openPglite } from '../../../../electron/main/db/pglite';
import { openPostgres } from '../../../../electron/main/db/postgres';
import { quoteIdent } from '../../../../electron/main/db/quote';
import { createFreshDatabase, describeEachDriver } from '../../../../electron/main/db/test-databases';
import { DEMO_USERS, seedDemoData } from './index';

// SEED-01: the demo seed is deterministic (same rows on every run, whatever the driver) and
// fills every table. ZOD-02: every row it produces, read back, passes the table's select schema.

/** md5 over every row's text form, per table, in a stable order. */
async function digest(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name } of allTables) {
    const r = await db.query<{ d: string; n: number }>(
      `select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as d, count(*)::int as n from public.${quoteIdent(name)} t`,
    );
    out[name] = `${r.rows[0]?.n}:${r.rows[0]?.d}`;
  }
  return out;
}

/** A second, empty, migrated database of the same kind. */
async function secondDatabase(kind: Database['kind']): Promise<{ db: Database; dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openPglite();
    await applyMigrationsWithDrizzle(db);
    return { db, dispose: () => db.close() };
  }
  const fresh = await createFreshDatabase('warden_seed');
  const db = await openPostgres({ ...fresh.config, max: 2 });
  await applyMigrationsWithDrizzle(db);
  return {
    db,
    async dispose() {
      await db.close();
      await fresh.drop();
    },
  };
}

describeEachDriver(
  'SEED-01 / ZOD-02: deterministic demo data',
  (getDb, ctx) => {
    let first: Record<string, string> = {};

    it('SEED-01: scale 1 fills every table, reporting progress up to the total', async () => {
      const progress: number[] = [];
      const started = performance.now();
      const summary = await seedDemoData(getDb(), { onProgress: (done, total) => progress.push(done / total) });
      // Reported, never asserted (docs/performance.md).
      console.log(`SEED-01 [${ctx.kind}]: ${summary.total} rows in ${Math.round(performance.now() - started)} ms`);
      expect(progress.at(-1)).toBe(1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      first = await digest(getDb());
      for (const { name } of allTables) {
        const n = Number(first[name]?.split(':')[0]);
        expect(n, name).toBe(summary.counts[name]);
        expect(n, name).toBeGreaterThan(0);
      }
      const demo = await getDb().query<{ id: string; role: string }>(`select id, role from "user" where id = any($1::text[]) order by id`, [
        Object.values(DEMO_USERS).map((u) => u.id),
      ]);
      expect(demo.rows.length).toBe(4);
    });

    it('SEED-01: a second run into a second fresh database gives identical rows (digest of every table)', async () => {
      const second = await secondDatabase(ctx.kind);
      try {
        await seedDemoData(second.db);
        expect(await digest(second.db)).toEqual(first);
        // The digest does see a one-row difference.
        await second.db.query(`update "user" set name = name || '!' where id = $1`, [DEMO_USERS.alice.id]);
        expect((await digest(second.db)).user).not.toBe(first.user);
      } finally {
        await second.dispose();
      }
    });

    it('SCHEMA-02: every relations() entry of every table resolves in a relational query on the seed', async () => {
      const query = getDb().drizzle.query as unknown as Record<string, { findFirst(cfg: object): Promise<unknown> }>;
      const config = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
      let checked = 0;
      for (const [key, table] of Object.entries(config.tables)) {
        for (const relation of Object.keys(table.relations)) {
          const row = await query[key]?.findFirst({ with: { [relation]: true } });
          expect(row, `${key}.${relation}`).toBeDefined();
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(80);
    });

    it('ZOD-02: every seeded row, read back through drizzle, passes its select and insert schemas', async () => {
      const rowsByTable: Record<string, Record<string, unknown>[]> = {};
      for (const { name, table } of allTables) {
        rowsByTable[name] = (await getDb().drizzle.select().from(table)) as Record<string, unknown>[];
        for (const row of rowsByTable[name]) {
          const result = tableZod[name]?.select.safeParse(row);
          expect(result?.success, `${name}: ${JSON.stringify(result?.error?.issues)}`).toBe(true);
        }
      }
      fc.assert(
        fc.property(fc.constantFrom(...allTables.map((t) => t.name)), fc.nat(), (name, k) => {
          const rows = rowsByTable[name] ?? [];
          const row = rows[k % rows.length];
          expect(tableZod[name]?.select.safeParse(row).success).toBe(true);
          expect(tableZod[name]?.insert.safeParse(row).success).toBe(true);
        }),
        { seed: 1337, numRuns: 500 },
      );
      // Corrupting a seeded row makes it fail at the corrupted field.
      fc.assert(
        fc.property(fc.constantFrom('user', 'customer', 'blog_subscriber', 'waitlist_entry'), fc.nat(), fc.constantFrom('nope', 'a@', '@b.c', 'x y@z.io'), (name, k, bad) => {
          const rows = rowsByTable[name] ?? [];
          const row = { ...rows[k % rows.length], email: bad };
          const result = tableZod[name]?.select.safeParse(row);
          expect(result?.success).toBe(false);
          expect(result?.error?.issues.map((i) => i.path.join('.'))).toEqual(['email']);
        }),
        { seed: 1337, numRuns: 100 },
      );
    });
  },
  { migrate: true },
);
