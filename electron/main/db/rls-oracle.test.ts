import { afterAll, beforeAll, expect, it } from 'vitest';
import { anchorCount } from '../services/impersonation/oracle/anchors';
import { runOracle } from '../services/impersonation/oracle/run';
import { tableOracles } from '../services/impersonation/oracle/tables';
import { seedDemoData } from '@repo/database/seed';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import type { Database } from './driver';
import { prepareScratchCopies, type ScratchCopies } from './scratch-copies';
import { describeEachDriver } from './test-databases';

// RLS-08: the policies of the migrated database, run as six identities through the app's rlsDb,
// against expectations written by hand from docs/schema.md (services/impersonation/oracle). Nothing
// here is regenerated from the code under test: a difference is a failure to look at.
//
// Then the oracle's teeth: each mutation case breaks ONE policy in a fresh scratch copy of the
// migrated, seeded database (a regression to USING (true), or a WITH CHECK relaxed or removed)
// and the oracle must report that table. Two untouched tables run alongside as controls: they
// must stay clean, so the failure is the mutation's and not noise.

const rls = 'with-check';
const grant = 'no-grant';
/** memberA inserting the other tenant's row: WITH CHECK where the spec gives members writes, no GRANT elsewhere. */
const memberACrossInsertDenied: Record<string, string> = {
  // WITH CHECK: the table has an INSERT (or ALL) policy for authenticated, scoped to self / own org.
  passkey: rls, member: rls, invitation: rls, team: rls, apikey: rls, blog_post: rls, blog_post_category: rls, blog_post_tag: rls,
  blog_comment: rls, blog_asset: rls, ticket: rls, message: rls, device_token: rls, notification_preference: rls, offline_sync: rls,
  // No INSERT for authenticated at all: the privileged db writes these (or only admin may).
  user: grant, session: grant, account: grant, verification: grant, usage_record: grant, usage_limit: grant, product: grant,
  price: grant, customer: grant, subscription: grant, payment_account: grant, payment_subscription: grant,
  payment_transaction: grant, payment_event: grant, coupon: grant, blog_category: grant, blog_tag: grant, blog_analytics: grant,
  blog_subscriber: grant, blog_post_audit: grant, push_notification: grant, feature_flag: grant, product_feature_flag: grant,
  waitlist_entry: grant,
};

interface Mutation {
  table: string;
  what: string;
  sql: string[];
}

const mutations: readonly Mutation[] = [
  { table: 'apikey', what: 'own-key policy regressed to USING (true)', sql: ['ALTER POLICY "apikeys_manage_own_policy" ON "apikey" USING (true)'] },
  { table: 'organization', what: 'member-only read regressed to USING (true)', sql: ['ALTER POLICY "organizations_view_member_policy" ON "organization" USING (true)'] },
  { table: 'message', what: 'own-ticket read regressed to USING (true) (internal notes leak)', sql: ['ALTER POLICY "messages_view_own_ticket_policy" ON "message" USING (true)'] },
  { table: 'usage_record', what: 'own/org-admin read regressed to USING (true)', sql: ['ALTER POLICY "usage_records_view_own_policy" ON "usage_record" USING (true)'] },
  { table: 'member', what: 'org-admin WITH CHECK relaxed to true', sql: ['ALTER POLICY "members_manage_org_admin_policy" ON "member" WITH CHECK (true)'] },
  { table: 'blog_post', what: 'author WITH CHECK relaxed to true', sql: ['ALTER POLICY "blog_posts_manage_own_policy" ON "blog_post" WITH CHECK (true)'] },
  {
    table: 'ticket',
    what: 'INSERT policy re-created without its WITH CHECK',
    sql: ['DROP POLICY "tickets_insert_own_policy" ON "ticket"', 'CREATE POLICY "tickets_insert_own_policy" ON "ticket" AS PERMISSIVE FOR INSERT TO "authenticated"'],
  },
  {
    table: 'push_notification',
    what: 'UPDATE WITH CHECK relaxed to true (mark-read policy)',
    sql: ['ALTER POLICY "push_notifications_update_own_policy" ON "push_notification" WITH CHECK (true)'],
  },
];

/** Controls: tables no mutation touches (and whose policies do not read the mutated ones). */
const controls = ['device_token', 'coupon'];

describeEachDriver('RLS oracle (hand-written from docs/schema.md)', (_getDb, ctx) => {
  // Migrated and seeded once per driver; every test below works on its own fresh copy.
  let copies: ScratchCopies | undefined;
  beforeAll(async () => {
    copies = await prepareScratchCopies(ctx.kind, async (db) => {
      await applyMigrationsWithDrizzle(db);
      await seedDemoData(db);
    });
  }, 180_000);
  afterAll(async () => {
    await copies?.close();
  });

  async function onCopy<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const scratch = await copies!.copy();
    try {
      return await fn(scratch.db);
    } finally {
      await scratch.dispose();
    }
  }

  it('RLS-08: every table × persona × probe (select, update, delete, own and cross-tenant insert, cross-tenant move) matches the hand-written oracle', async () => {
    const run = await onCopy((db) => runOracle(db));
    expect(run.mismatches).toEqual([]);
    // The oracle covers the whole schema and really probes something of every kind.
    expect(run.tables).toBe(40);
    expect(run.personas).toBe(7);
    expect(run.compared).toBeGreaterThanOrEqual(40 * 7 * 5);
    expect(run.expectedKinds['with-check']).toBeGreaterThan(40);
    expect(run.expectedKinds['no-grant']).toBeGreaterThan(300);
    expect(run.expectedKinds.rows).toBeGreaterThan(300);
    expect(run.expectedKinds.count).toBeGreaterThan(30);
    // Written out literally, not through the oracle's rules: what a plain member of Acme gets when
    // it inserts a row belonging to a Globex member (docs/schema.md §3, §6). Only organization creation
    // is open to everyone (organizations_insert_policy WITH CHECK true).
    const crossInsert = Object.fromEntries(tableOracles.map((t) => [t.table, run.observed[`memberA insert-cross ${t.table}`]]));
    expect(crossInsert).toEqual({ ...memberACrossInsertDenied, organization: 'ok' });
  }, 180_000);

  it('RLS-08: the oracle names all 40 tables of docs/schema.md §1 / §3.15 once, and its literal anchors are there', () => {
    const names = tableOracles.map((t) => t.table);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(
      [
        'account', 'apikey', 'blog_analytics', 'blog_asset', 'blog_category', 'blog_comment', 'blog_post', 'blog_post_audit',
        'blog_post_category', 'blog_post_tag', 'blog_subscriber', 'blog_tag', 'coupon', 'customer', 'device_token', 'feature_flag',
        'invitation', 'member', 'message', 'notification_preference', 'offline_sync', 'organization', 'passkey', 'payment_account',
        'payment_event', 'payment_subscription', 'payment_transaction', 'price', 'product', 'product_feature_flag', 'push_notification',
        'session', 'subscription', 'team', 'ticket', 'usage_limit', 'usage_record', 'user', 'verification', 'waitlist_entry',
      ].sort(),
    );
    expect(anchorCount).toBeGreaterThan(80);
  });

  for (const m of mutations) {
    it(`RLS-08: mutation on ${m.table} (${m.what}) is reported by the oracle for ${m.table}`, async () => {
      const run = await onCopy(async (db) => {
        for (const statement of m.sql) await db.query(statement);
        return runOracle(db, { tables: [m.table, ...controls] });
      });
      expect(run.mismatches.length, `${m.table}: the oracle saw nothing`).toBeGreaterThan(0);
      expect([...new Set(run.mismatches.map((x) => x.table))]).toEqual([m.table]);
    }, 120_000);
  }
});
