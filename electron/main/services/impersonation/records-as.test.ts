import { beforeAll, expect, it } from 'vitest';
import { toAppError } from '../../db/errors';
import { describeEachDriver } from '../../db/test-databases';
import { type RecordsCalls, serviceFor } from '../records/test-helpers';
import { DEMO_ADMIN_ID, DEMO_ALICE_ID, DEMO_ORG_IDS, seedDemoData } from '@repo/database/seed';

// "View as" in the data browser: records.page / records.apply with `as` run through rlsDb
// (issue 7, EDIT-08 for the grid's write path). Both drivers.

describeEachDriver(
  'records under impersonation',
  (getDb) => {
    let records: RecordsCalls;
    const ref = { connectionId: 'c', schema: 'public', table: 'organization' };
    const alice = { role: 'user' as const, userId: DEMO_ALICE_ID };

    beforeAll(async () => {
      await seedDemoData(getDb());
      records = serviceFor(getDb);
    }, 180_000);

    const page = (as?: typeof alice | { role: 'admin'; userId: string }) =>
      records.page({ ...ref, filters: [], limit: 1000, cellCap: 200, ...(as ? { as } : {}) });

    it('records.page as a regular user shows only the organizations the policy admits; as admin all of them', async () => {
      const plain = await page();
      const mine = await page(alice);
      const admin = await page({ role: 'admin', userId: DEMO_ADMIN_ID });
      const ids = (p: typeof plain) => p.keys.map((k) => k[0]);
      expect(ids(mine)).toContain(DEMO_ORG_IDS.acme);
      expect(ids(mine)).not.toContain(DEMO_ORG_IDS.globex);
      expect(mine.rows.length).toBeLessThan(plain.rows.length);
      expect(ids(admin).sort()).toEqual(ids(plain).sort());
      const count = await records.count({ ...ref, filters: [], timeoutMs: 10_000, as: alice });
      expect(Number(count.count)).toBe(mine.rows.length);
    });

    it('EDIT-08: records.apply as a user on a row hidden by policy is refused as "hidden by policy", nothing applied; own row rolled back unless committed', async () => {
      const db = getDb();
      const plain = await page();
      const globex = plain.keys.findIndex((k) => k[0] === DEMO_ORG_IDS.globex);
      const acme = plain.keys.findIndex((k) => k[0] === DEMO_ORG_IDS.acme);
      const name = async (id: string) => (await db.query<{ name: string }>('select name from organization where id = $1', [id])).rows[0]!.name;
      const before = await name(DEMO_ORG_IDS.globex);
      const hidden = await records
        .apply({ ...ref, as: alice, commit: true, changes: [{ kind: 'update', key: [DEMO_ORG_IDS.globex], xmin: plain.xmins[globex]!, values: [{ column: 'name', value: 'hijacked' }] }] })
        .then(
          () => null,
          (e) => toAppError(e),
        );
      expect(hidden?.layer).toBe('policy');
      expect(hidden?.message).toMatch(/hidden by policy/);
      expect(await name(DEMO_ORG_IDS.globex)).toBe(before);

      const acmeBefore = await name(DEMO_ORG_IDS.acme);
      const tried = await records.apply({ ...ref, as: alice, changes: [{ kind: 'update', key: [DEMO_ORG_IDS.acme], xmin: plain.xmins[acme]!, values: [{ column: 'name', value: 'Acme (tried)' }] }] });
      expect(tried).toMatchObject({ status: 'applied', updated: 1, committed: false });
      expect(await name(DEMO_ORG_IDS.acme)).toBe(acmeBefore);

      const done = await records.apply({ ...ref, as: alice, commit: true, changes: [{ kind: 'update', key: [DEMO_ORG_IDS.acme], xmin: plain.xmins[acme]!, values: [{ column: 'name', value: 'Acme (committed)' }] }] });
      expect(done).toMatchObject({ status: 'applied', updated: 1, committed: true });
      expect(await name(DEMO_ORG_IDS.acme)).toBe('Acme (committed)');
      await db.query('update organization set name = $1 where id = $2', [acmeBefore, DEMO_ORG_IDS.acme]);
    });
  },
  { migrate: true },
);
