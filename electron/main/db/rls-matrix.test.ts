import { beforeAll, expect, it } from 'vitest';
import type { MatrixTable } from '../../../shared/ipc/contracts/impersonation';
import { readPolicyMatrix } from '../services/impersonation/matrix';
import { compareMatrixWithOracle } from '../services/impersonation/oracle/matrix-check';
import { readReceipt } from '../services/impersonation/receipt';
import { runAs } from '../services/impersonation/run-as';
import { contextOf } from './run-context';
import { writeAs } from '../services/impersonation/write-outcome';
import { DEMO_ADMIN_ID, DEMO_ALICE_ID, DEMO_BOB_ID, DEMO_ORG_IDS, DEMO_SUPPORT_ID, seedDemoData } from '@repo/database/seed';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import { describeEachDriver } from './test-databases';

// RLS-06 (receipt warnings), RLS-08 (the matrix screen's data against the hand-written oracle of
// services/impersonation/oracle; the oracle itself runs in rls-oracle.test.ts) and EDIT-08 (write
// outcomes while impersonating), on both drivers.

describeEachDriver(
  'impersonation: policy matrix, receipts, write outcomes',
  (getDb) => {
    beforeAll(async () => {
      await seedDemoData(getDb());
    }, 180_000);

    it("RLS-08: the policy matrix screen's data agrees with the hand-written oracle (docs/schema.md)", async () => {
      const matrix = await readPolicyMatrix(getDb());
      const { differences, compared } = compareMatrixWithOracle(matrix);
      expect(differences).toEqual([]);
      expect(compared).toBe(40 * 4 * 4);
      // Every domain of the schema is there, and cells carry the policy names they come from.
      const tables = new Map<string, MatrixTable>(matrix.domains.flatMap((d) => d.tables.map((t) => [t.table, t] as const)));
      expect(matrix.domains.map((d) => d.domain)).toContain('organizations');
      const org = tables.get('organization')!;
      expect(org.cells.authenticated!.select.policies).toContain('organizations_view_member_policy');
      expect(org.policies.find((p) => p.name === 'organizations_view_member_policy')?.sql).toMatch(/^CREATE POLICY "organizations_view_member_policy"/);
    });

    it('RLS-08: holes are found (RLS on with no policy, policy with RLS off, write without read, policy without grant)', async () => {
      const db = getDb();
      await db.query(`create table hole_nopolicy (id int primary key)`);
      await db.query(`alter table hole_nopolicy enable row level security`);
      await db.query(`create table hole_rlsoff (id int primary key)`);
      await db.query(`create policy hole_rlsoff_read on hole_rlsoff for select to authenticated using (true)`);
      await db.query(`create table hole_writeonly (id int primary key)`);
      await db.query(`alter table hole_writeonly enable row level security`);
      await db.query(`grant update on hole_writeonly to support`);
      await db.query(`create policy hole_writeonly_upd on hole_writeonly for update to support using (true)`);
      try {
        const matrix = await readPolicyMatrix(db);
        const all = new Map(matrix.domains.flatMap((d) => d.tables.map((t) => [t.table, t] as const)));
        expect(all.get('hole_nopolicy')!.holes.map((h) => h.code)).toContain('rls-on-no-policy');
        expect(all.get('hole_rlsoff')!.holes.map((h) => h.code)).toEqual(expect.arrayContaining(['policy-rls-off', 'policy-without-grant']));
        expect(all.get('hole_writeonly')!.holes.map((h) => `${h.code}:${h.role}:${h.command}`)).toContain('write-without-read:support:update');
        expect(all.get('organization')!.holes).toEqual([]);
      } finally {
        await db.query('drop table hole_nopolicy, hole_rlsoff, hole_writeonly');
      }
    });

    it('RLS-06: SUPERUSER / BYPASSRLS roles, owner without FORCE, RLS disabled, SECURITY DEFINER functions and definer views are flagged', async () => {
      const db = getDb();
      const suffix = Math.random().toString(36).slice(2, 8);
      const bypass = `warden_t_bypass_${suffix}`;
      await db.query(`create role ${bypass} nologin bypassrls`);
      await db.query(`grant ${bypass} to current_user`);
      await db.query(`create table owned_${suffix} (id int primary key)`);
      await db.query(`alter table owned_${suffix} enable row level security`);
      await db.query(`alter table owned_${suffix} owner to authenticated`);
      await db.query(`create table norls_${suffix} (id int primary key)`);
      await db.query(`grant select on norls_${suffix} to authenticated`);
      await db.query(`create view orgs_${suffix} as select id, name from organization`);
      await db.query(`grant select on orgs_${suffix} to authenticated`);
      await db.query(`create view orgs_inv_${suffix} with (security_invoker = true) as select id, name from organization`);
      await db.query(`grant select on orgs_inv_${suffix} to authenticated`);
      try {
        // The plain connection: postgres is SUPERUSER on both drivers here.
        const plain = await readReceipt(db, { tables: [['public', 'organization']] });
        expect(plain.warnings.map((w) => w.code)).toContain('superuser');
        // BYPASSRLS
        const bypassReceipt = await runAs(db, null, async (q) => {
          await q.query(`set local role ${bypass}`);
          return readReceipt(q);
        }, { commit: false });
        expect(bypassReceipt.currentUser).toBe(bypass);
        // The login (postgres) is a superuser: a statement could leave the identity (ISO-05).
        expect(bypassReceipt.warnings.map((w) => w.code)).toEqual(['privileged-login', 'bypassrls']);
        // As alice: owner without FORCE, RLS disabled, the definer view, a SECURITY DEFINER function.
        const receipt = await rlsDb(db).rls(DEMO_ALICE_ID, 'user', (tx) =>
          readReceipt(tx.raw, {
            tables: [['public', `owned_${suffix}`], ['public', `norls_${suffix}`], ['public', 'organization']],
            identifiers: [`orgs_${suffix}`, `orgs_inv_${suffix}`, 'is_org_member', 'uid'],
          }),
        );
        expect(receipt.currentUser).toBe('authenticated');
        expect(receipt.authUid).toBe(DEMO_ALICE_ID);
        expect(JSON.parse(receipt.claims!)).toEqual({ sub: DEMO_ALICE_ID, role: 'authenticated' });
        const flagged = receipt.warnings.map((w) => `${w.code}:${w.object ?? ''}`);
        expect(flagged).toEqual(
          expect.arrayContaining([
            `owner-no-force:public.owned_${suffix}`,
            `rls-disabled:public.norls_${suffix}`,
            `view-definer:public.orgs_${suffix}`,
            'security-definer:auth.is_org_member',
          ]),
        );
        expect(flagged.join(' ')).not.toContain(`orgs_inv_${suffix}`);
        expect(flagged.join(' ')).not.toContain('public.organization');
        expect(flagged.some((f) => f.startsWith('superuser') || f.startsWith('bypassrls'))).toBe(false);
        // FORCE clears the owner warning.
        await db.query(`alter table owned_${suffix} force row level security`);
        const forced = await rlsDb(db).rls(DEMO_ALICE_ID, 'user', (tx) => readReceipt(tx.raw, { tables: [['public', `owned_${suffix}`]] }));
        expect(forced.warnings.map((w) => w.code)).toEqual(['privileged-login']);
      } finally {
        await db.query(`drop view orgs_${suffix}, orgs_inv_${suffix}`);
        await db.query(`drop table owned_${suffix}, norls_${suffix}`);
        await db.query(`revoke ${bypass} from current_user`);
        await db.query(`drop role ${bypass}`);
      }
    });

    it('EDIT-08: an update blocked by policy while impersonating is reported as such, never as success, and changes nothing', async () => {
      const db = getDb();
      const name = async (id: string) => (await db.query<{ name: string }>('select name from organization where id = $1', [id])).rows[0]!.name;
      const globexBefore = await name(DEMO_ORG_IDS.globex);
      const acmeBefore = await name(DEMO_ORG_IDS.acme);
      const alice = { role: 'user' as const, userId: DEMO_ALICE_ID };
      // Bob's organization, as Alice: hidden by USING.
      const hidden = await writeAs(contextOf(db), alice, `update organization set name = 'hijacked' where id = '${DEMO_ORG_IDS.globex}'`, { commit: true });
      expect(hidden.outcome).toEqual({ kind: 'hidden-by-policy', ownerCount: 1 });
      expect(hidden.committed).toBe(false);
      expect(await name(DEMO_ORG_IDS.globex)).toBe(globexBefore);
      // Her own: 1 row, rolled back unless committed.
      const own = await writeAs(contextOf(db), alice, `update organization set name = 'renamed' where id = '${DEMO_ORG_IDS.acme}'`, { commit: false });
      expect(own.outcome).toEqual({ kind: 'rows', count: 1 });
      expect(own.committed).toBe(false);
      expect(own.receipt?.currentUser).toBe('authenticated');
      expect(await name(DEMO_ORG_IDS.acme)).toBe(acmeBefore);
      // Nothing to match at all: not blamed on a policy.
      const none = await writeAs(contextOf(db), alice, `update organization set name = 'x' where id = 'no-such-org'`, { commit: false });
      expect(none.outcome).toEqual({ kind: 'no-match' });
      // WITH CHECK: a comment in Bob's name.
      const post = (await db.query<{ id: string }>('select id from blog_post order by id limit 1')).rows[0]!.id;
      const check = await writeAs(contextOf(db), alice, `insert into blog_comment (post_id, author_id, content) values ('${post}', '${DEMO_BOB_ID}', 'forged')`, { commit: true });
      expect(check.outcome.kind).toBe('with-check');
      expect(check.outcome.kind === 'with-check' && check.outcome.policies).toContain('blog_comments_insert_own_policy');
      // Missing GRANT: payment_event is admin-only.
      const grant = await writeAs(contextOf(db), alice, `delete from payment_event`, { commit: false });
      expect(grant.outcome.kind).toBe('no-grant');
      // The same update as admin really updates (rolled back).
      const asAdmin = await writeAs(contextOf(db), { role: 'admin', userId: DEMO_ADMIN_ID }, `update organization set name = name where id = '${DEMO_ORG_IDS.globex}'`, { commit: false });
      expect(asAdmin.outcome).toEqual({ kind: 'rows', count: 1 });
      // Support may read but not update organizations (no UPDATE grant).
      const asSupport = await writeAs(contextOf(db), { role: 'support', userId: DEMO_SUPPORT_ID }, `update organization set name = name`, { commit: false });
      expect(asSupport.outcome.kind).toBe('no-grant');
    });
  },
  { migrate: true, max: 3 },
);
