import { expect, it } from 'vitest';
import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { Explanation } from '../../../../shared/ipc/contracts/explain';
import type { Database } from '../../db/driver';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import { contextOf, registryOf } from '../../db/run-context';
import { describeEachDriver } from '../../db/test-databases';
import { explainHandlers } from '../../ipc/handlers/explain';
import { createRouter, type Handlers } from '../../ipc/router';
import { sqlStateOf } from '../impersonation/run-as';
import { DEMO_ALICE_ID, DEMO_BOB_ID, DEMO_ORG_IDS, DEMO_SUPPORT_ID } from '@repo/database/seed';
import { explainRls, type ExplainInput } from './explain';
import { seededClones } from './test-fixture';

// WHY-01…10 (reliability.md): for hand-written (table, persona, row) cases, the explainer's
// verdict and per-policy values, AND what PostgreSQL actually does for the same identity under
// rlsDb. Expected values come from schema.md's policies (§3, §6), not from the explainer.
// Each case changes the schema in its own fresh copy of the migrated + seeded database.

const alice: Impersonation = { role: 'user', userId: DEMO_ALICE_ID }; // owner of Acme
const bob: Impersonation = { role: 'user', userId: DEMO_BOB_ID }; // owner of Globex, not in Acme
const support: Impersonation = { role: 'support', userId: DEMO_SUPPORT_ID };
const admin: Impersonation = { role: 'admin', userId: 'wardenDemoAdmin00000000000000001' };

type Outcome = { rows: Record<string, unknown>[]; affected: number } | { code: string; message: string };

/** What PostgreSQL does for the identity: run under rlsDb, always rolled back. */
async function underRls(db: Database, as: Impersonation, sql: string, params: unknown[] = []): Promise<Outcome> {
  try {
    return await rlsDb(db).rls(
      as.userId,
      as.role,
      async (tx) => {
        const r = await tx.raw.query(sql, params);
        return { rows: r.rows, affected: r.affectedRows };
      },
      { commit: false },
    );
  } catch (err) {
    return { code: sqlStateOf(err) ?? 'none', message: err instanceof Error ? err.message : String(err) };
  }
}

const policyValue = (e: Explanation, policy: string, stage = 0) => e.stages[stage]?.entries.find((x) => x.policy === policy)?.value?.value;
const names = (e: Explanation) => e.policies.map((p) => p.name).sort();

describeEachDriver(
  'WHY: the RLS explainer against PostgreSQL',
  (_getDb, ctx) => {
    const fresh = seededClones(ctx);
    const explain = (db: Database, input: Omit<ExplainInput, 'schema'>) => explainRls(contextOf(db), { schema: 'public', ...input });

    it('WHY-01: a row seen through one permissive policy only; another organization hidden by the same policy', async () => {
      const db = await fresh();
      const seen = await explain(db, { as: alice, table: 'organization', command: 'select', key: [DEMO_ORG_IDS.acme] });
      // schema.md §3.5: the only SELECT policy for authenticated is organizations_view_member_policy.
      expect(names(seen)).toEqual(['organizations_view_member_policy']);
      expect(seen.verdict.outcome).toBe('allowed');
      expect(seen.verdict.policy).toBe('organizations_view_member_policy');
      expect(policyValue(seen, 'organizations_view_member_policy')).toBe('true');
      expect(seen.grants).toMatchObject({ table: true, missing: [] });
      expect(seen.table).toMatchObject({ rlsEnabled: true, rlsForced: false });
      expect(seen.observed).toEqual({ outcome: 'visible' });
      const pgSeen = await underRls(db, alice, 'select id from organization where id = $1', [DEMO_ORG_IDS.acme]);
      expect(pgSeen).toMatchObject({ rows: [{ id: DEMO_ORG_IDS.acme }] });

      const hidden = await explain(db, { as: alice, table: 'organization', command: 'select', key: [DEMO_ORG_IDS.globex] });
      expect(hidden.verdict.outcome).toBe('hidden');
      expect(policyValue(hidden, 'organizations_view_member_policy')).toBe('false');
      expect(hidden.verdict.sentence).toMatch(/organizations_view_member_policy: false/);
      expect(await underRls(db, alice, 'select id from organization where id = $1', [DEMO_ORG_IDS.globex])).toMatchObject({ rows: [] });
    });

    it('WHY-02: a row hidden by a restrictive policy although a permissive one admits it', async () => {
      const db = await fresh();
      await db.query(`create policy organizations_not_acme on organization as restrictive for select to authenticated using (id <> '${DEMO_ORG_IDS.acme}')`);
      const e = await explain(db, { as: alice, table: 'organization', command: 'select', key: [DEMO_ORG_IDS.acme] });
      expect(names(e)).toEqual(['organizations_not_acme', 'organizations_view_member_policy']);
      expect(policyValue(e, 'organizations_view_member_policy')).toBe('true');
      expect(policyValue(e, 'organizations_not_acme')).toBe('false');
      expect(e.verdict).toMatchObject({ outcome: 'hidden', policy: 'organizations_not_acme' });
      expect(e.verdict.sentence).toMatch(/^Restrictive policy organizations_not_acme hides this row/);
      expect(e.observed).toEqual({ outcome: 'hidden' });
      expect(await underRls(db, alice, 'select id from organization where id = $1', [DEMO_ORG_IDS.acme])).toMatchObject({ rows: [] });
    });

    it('WHY-03: a missing GRANT is 42501, not 0 rows', async () => {
      const db = await fresh();
      await db.query('revoke select on organization from authenticated');
      const e = await explain(db, { as: alice, table: 'organization', command: 'select', key: [DEMO_ORG_IDS.acme] });
      expect(e.grants).toMatchObject({ table: false, missing: ['SELECT'] });
      expect(e.verdict.outcome).toBe('no-grant');
      expect(e.verdict.sentence).toMatch(/42501/);
      expect(e.observed?.outcome).toBe('no-grant');
      const pg = await underRls(db, alice, 'select id from organization where id = $1', [DEMO_ORG_IDS.acme]);
      expect(pg).toMatchObject({ code: '42501' });
    });

    it('WHY-04: RLS off: every granted row is visible, policies do nothing', async () => {
      const db = await fresh();
      await db.query('alter table organization disable row level security');
      const e = await explain(db, { as: alice, table: 'organization', command: 'select', key: [DEMO_ORG_IDS.globex] });
      expect(e.table.rlsEnabled).toBe(false);
      expect(e.bypass.map((b) => b.code)).toContain('rls-disabled');
      expect(e.verdict.outcome).toBe('bypass');
      // The policy is still listed, with its value (false for Globex): it simply is not applied.
      expect(policyValue(e, 'organizations_view_member_policy')).toBe('false');
      expect(e.observed).toEqual({ outcome: 'visible' });
      expect(await underRls(db, alice, 'select id from organization where id = $1', [DEMO_ORG_IDS.globex])).toMatchObject({ rows: [{ id: DEMO_ORG_IDS.globex }] });
    });

    it('WHY-05: an owner without FORCE skips the policies; with FORCE the same role sees nothing', async () => {
      const db = await fresh();
      const event = (await db.query<{ id: string }>('select id from payment_event order by id limit 1')).rows[0]?.id;
      expect(event).toBeTruthy();
      await db.query('alter table payment_event owner to support');
      const owned = await explain(db, { as: support, table: 'payment_event', command: 'select', key: [event as string] });
      expect(owned.role.owner).toBe(true);
      expect(owned.bypass.map((b) => b.code)).toEqual(['owner-no-force']);
      expect(owned.verdict.outcome).toBe('bypass');
      expect(await underRls(db, support, 'select id from payment_event where id = $1', [event])).toMatchObject({ rows: [{ id: event }] });

      await db.query('alter table payment_event force row level security');
      const forced = await explain(db, { as: support, table: 'payment_event', command: 'select', key: [event as string] });
      // schema.md: payment_events_admin_view_policy is SELECT TO admin only.
      expect(names(forced)).toEqual([]);
      expect(forced.verdict.outcome).toBe('hidden');
      expect(forced.verdict.sentence).toBe('No permissive SELECT policy applies to support: every row is hidden.');
      expect(forced.observed).toEqual({ outcome: 'hidden' });
      expect(await underRls(db, support, 'select id from payment_event where id = $1', [event])).toMatchObject({ rows: [] });
    });

    it("WHY-06: a WITH CHECK refusal names the policy; the user's own ticket passes", async () => {
      const db = await fresh();
      const values = { user_id: DEMO_BOB_ID, subject: 'forged' };
      const refused = await explain(db, { as: alice, table: 'ticket', command: 'insert', values });
      expect(names(refused)).toEqual(['tickets_insert_own_policy']);
      expect(policyValue(refused, 'tickets_insert_own_policy')).toBe('false');
      expect(refused.verdict).toMatchObject({ outcome: 'refused', policy: 'tickets_insert_own_policy' });
      const insert = `insert into ticket (user_id, subject) values ($1, $2)`;
      const pg = await underRls(db, alice, insert, [DEMO_BOB_ID, 'forged']);
      expect(pg).toMatchObject({ code: '42501' });
      expect((pg as { message: string }).message).toMatch(/row-level security/);

      const own = await explain(db, { as: alice, table: 'ticket', command: 'insert', values: { user_id: DEMO_ALICE_ID, subject: 'mine' } });
      expect(policyValue(own, 'tickets_insert_own_policy')).toBe('true');
      expect(own.verdict.outcome).toBe('allowed');
      expect(await underRls(db, alice, insert, [DEMO_ALICE_ID, 'mine'])).toMatchObject({ affected: 1 });

      // A restrictive WITH CHECK: PostgreSQL names it in the error, and so must the explainer.
      await db.query(`create policy tickets_no_urgent on ticket as restrictive for insert to authenticated with check (priority <> 'urgent')`);
      const urgent = await explain(db, { as: alice, table: 'ticket', command: 'insert', values: { user_id: DEMO_ALICE_ID, subject: 'now!', priority: 'urgent' } });
      expect(policyValue(urgent, 'tickets_insert_own_policy')).toBe('true');
      expect(policyValue(urgent, 'tickets_no_urgent')).toBe('false');
      expect(urgent.verdict).toMatchObject({ outcome: 'refused', policy: 'tickets_no_urgent' });
      const pgUrgent = await underRls(db, alice, `insert into ticket (user_id, subject, priority) values ($1, 'now!', 'urgent')`, [DEMO_ALICE_ID]);
      expect(pgUrgent).toMatchObject({ code: '42501' });
      expect((pgUrgent as { message: string }).message).toMatch(/policy "tickets_no_urgent"/);
      // The default (medium) comes from the column default, evaluated for the new row.
      const medium = await explain(db, { as: alice, table: 'ticket', command: 'insert', values: { user_id: DEMO_ALICE_ID, subject: 'later' } });
      expect(policyValue(medium, 'tickets_no_urgent')).toBe('true');
      expect(await underRls(db, alice, `insert into ticket (user_id, subject) values ($1, 'later')`, [DEMO_ALICE_ID])).toMatchObject({ affected: 1 });
    });

    it('WHY-07: column grants: a ticket update of an ungranted column is 42501, of a granted one goes through; account readable only column by column', async () => {
      const db = await fresh();
      const ticket = (await db.query<{ id: string }>('select id from ticket where user_id = $1 order by id limit 1', [DEMO_ALICE_ID])).rows[0]?.id as string;
      expect(ticket).toBeTruthy();
      const steal = await explain(db, { as: alice, table: 'ticket', command: 'update', key: [ticket], values: { user_id: DEMO_BOB_ID } });
      expect(steal.grants.table).toBe(false);
      expect(steal.grants.missing).toEqual(['UPDATE (user_id)']);
      expect(steal.verdict.outcome).toBe('no-grant');
      expect(await underRls(db, alice, 'update ticket set user_id = $1 where id = $2', [DEMO_BOB_ID, ticket])).toMatchObject({ code: '42501' });

      const close = await explain(db, { as: alice, table: 'ticket', command: 'update', key: [ticket], values: { status: 'closed' } });
      expect(close.grants.missing).toEqual([]);
      // UPDATE USING, SELECT USING (the WHERE reads the row), UPDATE WITH CHECK, SELECT on the new row.
      expect(close.stages.map((s) => `${s.kind}:${s.policyCommand}:${s.row}`)).toEqual([
        'filter:update:existing',
        'filter:select:existing',
        'check:update:new',
        'check:select:new',
      ]);
      expect(policyValue(close, 'tickets_update_own_policy', 0)).toBe('true');
      expect(policyValue(close, 'tickets_view_own_policy', 1)).toBe('true');
      expect(policyValue(close, 'tickets_update_own_policy', 2)).toBe('true');
      expect(close.verdict.outcome).toBe('allowed');
      expect(await underRls(db, alice, `update ticket set status = 'closed' where id = $1`, [ticket])).toMatchObject({ affected: 1 });

      const account = (await db.query<{ id: string }>('select id from account where user_id = $1 limit 1', [DEMO_ALICE_ID])).rows[0]?.id as string;
      expect(account).toBeTruthy();
      const read = await explain(db, { as: alice, table: 'account', command: 'select', key: [account] });
      expect(read.grants.table).toBe(false);
      expect(read.grants.columns.filter((c) => !c.granted).map((c) => c.name)).toEqual(expect.arrayContaining(['access_token', 'refresh_token', 'password']));
      expect(read.verdict.outcome).toBe('allowed');
      expect(read.verdict.sentence).toMatch(/select \* fails with 42501/);
      expect(await underRls(db, alice, 'select id from account where id = $1', [account])).toMatchObject({ rows: [{ id: account }] });
      expect(await underRls(db, alice, 'select * from account where id = $1', [account])).toMatchObject({ code: '42501' });
    });

    it('WHY-08: a SECURITY DEFINER helper reads member as its owner (organization visible, no member row readable); a view without security_invoker reads as its owner', async () => {
      const db = await fresh();
      await db.query('drop policy members_view_org_policy on member');
      await db.query('drop policy members_manage_org_admin_policy on member');
      const org = await explain(db, { as: alice, table: 'organization', command: 'select', key: [DEMO_ORG_IDS.acme] });
      expect(org.policies.find((p) => p.name === 'organizations_view_member_policy')?.definers).toEqual(['auth.is_org_member']);
      expect(org.bypass).toEqual([expect.objectContaining({ code: 'security-definer', decisive: false })]);
      expect(org.bypass[0]?.message).toMatch(/^auth\.is_org_member\(\) is SECURITY DEFINER/);
      expect(policyValue(org, 'organizations_view_member_policy')).toBe('true');
      expect(org.verdict.outcome).toBe('allowed');
      expect(await underRls(db, alice, 'select id from organization where id = $1', [DEMO_ORG_IDS.acme])).toMatchObject({ rows: [{ id: DEMO_ORG_IDS.acme }] });

      // A view without security_invoker reads organization as its owner (here a superuser):
      // the member sees Globex through it. With security_invoker the table's policies apply.
      await db.query('create view org_names as select id, name from organization');
      await db.query('grant select on org_names to authenticated');
      const view = await explain(db, { as: alice, table: 'org_names', command: 'select' });
      expect(view.table).toMatchObject({ kind: 'view', securityInvoker: false });
      expect(view.bypass.map((b) => b.code)).toContain('view-definer');
      expect(view.verdict.outcome).toBe('bypass');
      expect(await underRls(db, alice, 'select id from org_names where id = $1', [DEMO_ORG_IDS.globex])).toMatchObject({ rows: [{ id: DEMO_ORG_IDS.globex }] });
      await db.query('alter view org_names set (security_invoker = true)');
      const invoker = await explain(db, { as: alice, table: 'org_names', command: 'select' });
      expect(invoker.bypass.map((b) => b.code)).not.toContain('view-definer');
      expect(invoker.verdict.outcome).toBe('conditional');
      expect(await underRls(db, alice, 'select id from org_names where id = $1', [DEMO_ORG_IDS.globex])).toMatchObject({ rows: [] });

      const member = await explain(db, { as: alice, table: 'member', command: 'select' });
      expect(member.verdict.sentence).toBe('No permissive SELECT policy applies to authenticated: every row is hidden.');
      expect(member.observed).toEqual({ outcome: 'hidden' });
      expect(await underRls(db, alice, 'select count(*)::int as n from member where user_id = $1', [DEMO_ALICE_ID])).toMatchObject({ rows: [{ n: 0 }] });
    });

    it("WHY-09: the issue's case: organizations' member SELECT policy dropped, every organization hidden from a member", async () => {
      const db = await fresh();
      await db.query('drop policy organizations_view_member_policy on organization');
      for (const key of [[DEMO_ORG_IDS.acme], undefined]) {
        const e = await explain(db, { as: alice, table: 'organization', command: 'select', ...(key ? { key } : {}) });
        expect(names(e)).toEqual([]);
        expect(e.otherPolicies).toEqual(
          expect.arrayContaining(['organizations_admin_policy', 'organizations_insert_policy', 'organizations_view_support_policy']),
        );
        expect(e.verdict).toMatchObject({ outcome: 'hidden', sentence: 'No permissive SELECT policy applies to authenticated: every row is hidden.' });
        expect(e.observed).toEqual({ outcome: 'hidden' });
      }
      expect(await underRls(db, alice, 'select count(*)::int as n from organization')).toMatchObject({ rows: [{ n: 0 }] });
    });

    it('WHY-10: an UPDATE hidden by USING for a non-member; allowed for admin; through the real router', async () => {
      const db = await fresh();
      const router = createRouter({
        handlers: explainHandlers({ runs: registryOf(() => db) }) as Handlers,
        trustedOrigins: ['app://warden'],
        validateOutput: true,
      });
      const call = (input: unknown) => router.call('rls.explain', input, { frameUrl: 'app://warden/index.html', isMainFrame: true });
      const input = { connectionId: 'c1', schema: 'public', table: 'organization', command: 'update', key: [DEMO_ORG_IDS.acme], values: { name: 'taken' } };
      const asBob = await call({ ...input, as: bob });
      expect(asBob.ok).toBe(true);
      const e = (asBob as { data: Explanation }).data;
      expect(e.stages[0]?.entries.map((x) => [x.policy, x.value?.value])).toEqual([['organizations_update_admin_policy', 'false']]);
      expect(e.verdict.outcome).toBe('hidden');
      expect(e.verdict.sentence).toMatch(/hidden from UPDATE/);
      const update = 'update organization set name = $1 where id = $2';
      expect(await underRls(db, bob, update, ['taken', DEMO_ORG_IDS.acme])).toMatchObject({ affected: 0 });

      const asAdmin = (await call({ ...input, as: admin })) as { ok: true; data: Explanation };
      expect(asAdmin.data.verdict.outcome).toBe('allowed');
      expect(asAdmin.data.stages.every((s) => s.entries.some((x) => x.policy === 'organizations_admin_policy' && x.value?.value === 'true'))).toBe(true);
      expect(await underRls(db, admin, update, ['taken', DEMO_ORG_IDS.acme])).toMatchObject({ affected: 1 });

      const bad = await call({ ...input, as: { role: 'root', userId: DEMO_BOB_ID } });
      expect(bad).toMatchObject({ ok: false, error: { kind: 'validation' } });
    });

    it('ISO-06: the explainer has no side effects: a policy that calls nextval is an error value, the sequence does not move', async () => {
      const db = await fresh();
      await db.query('create sequence why_probe_seq');
      await db.query('grant usage, update on sequence why_probe_seq to authenticated');
      await db.query(`create policy organizations_counting on organization as restrictive for select to authenticated using (nextval('why_probe_seq') > 0)`);
      const before = (await db.query<{ v: string }>('select last_value::text as v, is_called from why_probe_seq')).rows[0];
      const e = await explain(db, { as: alice, table: 'organization', command: 'select', key: [DEMO_ORG_IDS.acme] });
      const value = e.stages[0]?.entries.find((x) => x.policy === 'organizations_counting')?.value;
      expect(value).toMatchObject({ value: 'error', code: '25006' });
      expect(e.verdict.outcome).toBe('error');
      expect(e.observed?.outcome).toBe('error');
      expect((await db.query<{ v: string }>('select last_value::text as v, is_called from why_probe_seq')).rows[0]).toEqual(before);
    });
  },
  { migrate: true },
);

