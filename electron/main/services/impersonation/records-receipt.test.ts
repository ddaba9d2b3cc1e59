import { beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../../db/test-databases';
import { type RecordsCalls, serviceFor } from '../records/test-helpers';
import { DEMO_ALICE_ID, seedDemoData } from '@repo/database/seed';

// RLS-06 on the data grid: records.page with `as` carries the identity receipt read in the
// page's OWN rlsDb transaction (docs/architecture.md, "The run context": a receipt from the same transaction). Both drivers.

describeEachDriver(
  'records.page receipt',
  (getDb) => {
    let records: RecordsCalls;
    const alice = { role: 'user' as const, userId: DEMO_ALICE_ID };
    // A table that ships without RLS, readable by the user role: every granted row is visible.
    const open = 'hb_receipt_open';

    beforeAll(async () => {
      const db = getDb();
      await seedDemoData(db);
      await db.query(`create table ${open} (id text primary key, note text)`);
      await db.query(`insert into ${open} values ('a', 'visible to anyone granted')`);
      await db.query(`grant select on ${open} to authenticated`);
      records = serviceFor(() => db);
    }, 180_000);

    const page = (table: string, as?: typeof alice) =>
      records.page({ connectionId: 'c', schema: 'public', table, filters: [], limit: 100, cellCap: 200, ...(as ? { as } : {}) });

    it('RLS-06: an impersonated page of a table with RLS disabled carries a receipt naming that table; current_user is the mapped role', async () => {
      const result = await page(open, alice);
      expect(result.rows).toEqual([['a', 'visible to anyone granted']]);
      const receipt = result.receipt!;
      expect(receipt.currentUser).toBe('authenticated');
      expect(receipt.authUid).toBe(DEMO_ALICE_ID);
      expect(receipt.warnings).toContainEqual(expect.objectContaining({ code: 'rls-disabled', object: `public.${open}` }));
    });

    it('RLS-06: the receipt is read inside the page transaction (the claims rlsDb set there), and names only the table viewed', async () => {
      const result = await page('organization', alice);
      const receipt = result.receipt!;
      expect(receipt.currentUser).toBe('authenticated');
      // request.jwt.claims is set LOCAL to the rlsDb transaction: a separate one would read none.
      expect(JSON.parse(receipt.claims ?? '{}')).toMatchObject({ sub: DEMO_ALICE_ID, role: 'authenticated' });
      // organization has RLS on, and the role does not own it: no warning at all (nor about hb_receipt_open).
      // Only the privileged login is flagged: these test databases log in as a superuser (ISO-05).
      expect(receipt.warnings.map((w) => w.code)).toEqual(['privileged-login']);
      // The same page read as the connection itself carries no receipt (nothing to attest).
      expect((await page('organization')).receipt).toBeUndefined();
      // And outside any rlsDb transaction the claims are gone: the receipt could not come from there.
      const outside = await getDb().query<{ c: string | null }>(`select nullif(current_setting('request.jwt.claims', true), '') as c`);
      expect(outside.rows[0]!.c).toBeNull();
    });
  },
  { migrate: true },
);
