import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { allTables, domainNames, domainTables, tableDomain, tablesByName } from './domains';

// docs/schema.md §1.1 (the seed's 36 tables) plus the tables §3 adds (the two blog join tables,
// blog_analytics, blog_subscriber), each in the domain file §3 puts it in.
const expected: Record<string, string[]> = {
  user: ['user', 'session', 'account', 'verification', 'passkey'],
  organizations: ['organization', 'member', 'invitation', 'team'],
  api: ['apikey', 'usage_record', 'usage_limit'],
  products: ['product', 'price'],
  customer: ['customer', 'subscription'],
  payments: ['payment_account', 'payment_subscription', 'payment_transaction', 'payment_event'],
  coupons: ['coupon'],
  blog: [
    'blog_post',
    'blog_category',
    'blog_tag',
    'blog_post_category',
    'blog_post_tag',
    'blog_comment',
    'blog_asset',
    'blog_analytics',
    'blog_subscriber',
    'blog_post_audit',
  ],
  support: ['ticket', 'message'],
  notifications: ['push_notification', 'device_token', 'notification_preference'],
  mobile_app: ['offline_sync'],
  feature_flags: ['feature_flag', 'product_feature_flag'],
  waitlist: ['waitlist_entry'],
};

// §3.15, core tables per domain (no optional two_factor / team_member).
const countPerDomain = { user: 5, organizations: 4, api: 3, products: 2, customer: 2, payments: 4, coupons: 1, blog: 10, support: 2, notifications: 3, mobile_app: 1, feature_flags: 2, waitlist: 1 };

describe('SCHEMA-01: every table of docs/schema.md lands in its domain, derived from the modules', () => {
  it('SCHEMA-01: the thirteen domains in the spec order', () => {
    expect(domainNames).toEqual(Object.keys(expected));
  });

  it('SCHEMA-01: each domain holds exactly its tables, 40 in all (§3.15)', () => {
    for (const domain of domainNames) {
      expect([...domainTables[domain]].sort(), domain).toEqual([...(expected[domain] ?? [])].sort());
      expect(domainTables[domain].length, domain).toBe(countPerDomain[domain]);
    }
    expect(allTables.length).toBe(40);
    expect(new Set(allTables.map((t) => t.name)).size).toBe(40);
  });

  it('SCHEMA-01: the 36 tables of §1.1 are all present, and table -> domain inverts domain -> tables', () => {
    const seedList =
      'user session account verification passkey organization member invitation team apikey usage_record usage_limit product price customer subscription payment_account payment_subscription payment_transaction payment_event coupon blog_post blog_category blog_tag blog_comment blog_asset blog_post_audit ticket message push_notification device_token notification_preference offline_sync feature_flag product_feature_flag waitlist_entry'.split(
        ' ',
      );
    expect(seedList.length).toBe(36);
    for (const name of seedList) expect(tableDomain[name], name).toBeDefined();
    for (const domain of domainNames) for (const name of domainTables[domain]) expect(tableDomain[name]).toBe(domain);
  });

  it('SCHEMA-01: every table has policies (so RLS is enabled), named <plural>_<verb>_<scope>_policy', () => {
    for (const { name, table } of allTables) {
      const policies = getTableConfig(table).policies;
      expect(policies.length, name).toBeGreaterThan(0);
      for (const p of policies) expect(p.name, name).toMatch(/^[a-z_]+_policy$/);
    }
    const userPolicies = getTableConfig(tablesByName.user as never).policies.map((p) => p.name);
    expect(userPolicies).toEqual(expect.arrayContaining(['users_view_own_policy', 'users_view_admin_policy']));
  });

  it('SCHEMA-01: foreign keys carry the on-delete rule of §5', () => {
    const rule = (table: string, column: string) => {
      const fk = getTableConfig(tablesByName[table] as never).foreignKeys.find((f) => f.reference().columns[0]?.name === column);
      return fk?.onDelete;
    };
    expect(rule('session', 'user_id')).toBe('cascade');
    expect(rule('customer', 'user_id')).toBe('cascade');
    expect(rule('subscription', 'organization_id')).toBe('set null');
    expect(rule('usage_record', 'apikey_id')).toBe('set null');
    expect(rule('blog_comment', 'parent_id')).toBe('cascade');
    expect(rule('waitlist_entry', 'referred_by')).toBe('set null');
    expect(rule('ticket', 'assigned_to_id')).toBe('set null');
    // Better Auth design: no foreign key on these.
    expect(rule('session', 'active_organization_id')).toBeUndefined();
    expect(rule('member', 'team_id')).toBeUndefined();
  });
});
