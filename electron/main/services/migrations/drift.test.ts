import { expect, it } from 'vitest';
import { describeEachDriver } from '../../db/test-databases';
import { contextOf } from '../../db/run-context';
import { checkDrift, domainOf } from './drift';
import { catalogDigest } from './test-fixtures';

describeEachDriver(
  'drift check',
  (getDb) => {
    it('a database migrated from migrations/ is in sync with the Drizzle schema (drizzle-kit noise filtered)', async () => {
      const drift = await checkDrift(contextOf(getDb()), 'c');
      expect(drift.groups).toEqual([]);
      expect(drift.inSync).toBe(true);
    });

    it('finds a dropped column and an extra one, grouped by domain, with nothing applied', async () => {
      const db = getDb();
      await db.query('ALTER TABLE "blog_post" DROP COLUMN "excerpt"');
      await db.query(`ALTER TABLE "waitlist_entry" ADD COLUMN "junk" text DEFAULT 'x'`);
      const before = await catalogDigest(db);
      const drift = await checkDrift(contextOf(db), 'c');
      expect(await catalogDigest(db)).toBe(before);
      expect(drift.inSync).toBe(false);
      // Each statement carries its own data-loss mark: only the DROP COLUMN drops anything.
      expect(drift.groups).toEqual([
        { domain: 'blog', statements: [{ sql: 'ALTER TABLE "blog_post" ADD COLUMN "excerpt" text;', dataLoss: null, source: 'drizzle-kit' }] },
        {
          domain: 'waitlist',
          statements: [{ sql: 'ALTER TABLE "waitlist_entry" DROP COLUMN "junk";', dataLoss: 'Drops a column and its data.', source: 'drizzle-kit' }],
        },
      ]);
      expect(drift.hasDataLoss).toBe(true);
    });
  },
  { migrate: true },
);

it('maps statements to the domain of the table they name', () => {
  expect(domainOf('ALTER TABLE "blog_post" ADD COLUMN "x" int;')).toBe('blog');
  expect(domainOf('CREATE TYPE "public"."mood" AS ENUM(\'a\');')).toBe('other');
});
