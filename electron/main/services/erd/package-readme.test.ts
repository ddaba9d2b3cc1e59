import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { appDomains } from '../../../../shared/erd/app-schema';
import { lintMermaid } from '../../../../shared/erd/mermaid-lint';
import { diagramBlock, domainMermaid, readmeMermaid, staleDiagrams, withDiagrams } from '../../../../shared/erd/readme-diagrams';

// DOC-01: the @repo/database README carries the thirteen per-domain diagrams of the seed page,
// as Mermaid from Warden's own ERD exporter, and they match the current schema: a schema change
// without `npm run db:diagrams` fails here (and so in CI).

const readmePath = join(import.meta.dirname, '../../../../shared/database/README.md');
const readme = readFileSync(readmePath, 'utf8');

// The seed page's diagram sections, in its order (database-package.txt, "Database Schema Diagrams").
const seedSections = [
  'user',
  'organizations',
  'api',
  'products',
  'customer',
  'payments',
  'coupons',
  'blog',
  'support',
  'notifications',
  'mobile_app',
  'feature_flags',
  'waitlist',
];

it('DOC-01: the README has one diagram per seed section, in order, each equal to the exporter output for the current schema', () => {
  expect(appDomains).toEqual(seedSections);
  expect(staleDiagrams(readme)).toEqual([]);
  const positions = seedSections.map((d) => readme.indexOf(`<!-- erd:${d} `));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  for (const domain of seedSections) {
    expect(readmeMermaid(readme, domain), domain).toBe(domainMermaid(domain));
  }
});

it('DOC-01: every README diagram is valid erDiagram text with the domain\'s own tables', () => {
  // Tables per domain as the seed page lists them (user.ts: user, session, account, passkey, verification; ...).
  const mustShow: Record<string, string[]> = {
    user: ['user', 'session', 'account', 'passkey', 'verification'],
    organizations: ['organization', 'member', 'invitation', 'team'],
    api: ['apikey', 'usage_record', 'usage_limit'],
    products: ['product', 'price'],
    customer: ['customer', 'subscription'],
    payments: ['payment_account', 'payment_subscription', 'payment_transaction', 'payment_event'],
    coupons: ['coupon'],
    blog: ['blog_post', 'blog_category', 'blog_tag', 'blog_comment', 'blog_asset', 'blog_post_audit'],
    support: ['ticket', 'message'],
    notifications: ['push_notification', 'device_token', 'notification_preference'],
    mobile_app: ['offline_sync'],
    feature_flags: ['feature_flag', 'product_feature_flag'],
    waitlist: ['waitlist_entry'],
  };
  for (const [domain, tables] of Object.entries(mustShow)) {
    const text = readmeMermaid(readme, domain) ?? '';
    expect(lintMermaid(text).errors, domain).toEqual([]);
    for (const table of tables) expect(text, `${domain}: ${table}`).toMatch(new RegExp(`^  ${table} \\{$`, 'm'));
  }
});

it('DOC-01: a diagram that no longer matches the schema is reported, and regeneration restores it', () => {
  // What a schema change without regeneration leaves behind: an old column in one block.
  const edited = readme.replace('    text slug UK "nullable"\n', '    text slug UK "nullable"\n    text old_column\n');
  expect(edited).not.toBe(readme);
  expect(staleDiagrams(edited)).toEqual(['organizations']);
  expect(withDiagrams(edited)).toBe(readme);
  // A README that lost its markers cannot be regenerated silently.
  const unmarked = readme.replace(diagramBlock('coupons'), '');
  expect(staleDiagrams(unmarked)).toEqual(['coupons']);
  expect(() => withDiagrams(unmarked)).toThrow(/coupons/);
});
