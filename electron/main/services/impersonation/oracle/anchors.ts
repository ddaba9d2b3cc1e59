import type { Mismatch, Outcome, PersonaLabel, Row, World } from './types';

// Literal expectations, written by hand from reading the deterministic seed
// (electron/main/services/seed/*) and docs/schema.md, as natural keys (slugs, emails, codes) or, for
// long lists, counts. They do not go through the rules of domains/*: if a rule and a policy were
// wrong the same way, these still catch it for the personas' central rows.
// Seed facts used: organizations acme, globex, hooli, initech, umbrella with 3 teams and 4
// invitations (one per status) each; 60 users, 64 memberships; 5 plans (legacy inactive) with
// 10 prices (both legacy prices inactive); 6 coupons (BLACKFRIDAY expired, inactive); 40 posts
// (31 published, 6 draft, 3 scheduled).

type Expected = readonly string[] | number;
interface Anchor {
  table: string;
  /** The natural key of an observed row, from the owner's read. */
  natural(row: Row, world: World): string;
  expect: Partial<Record<PersonaLabel, Expected>>;
}

const slugOf = (world: World, orgId: unknown) => String(world.byId('organization', orgId)?.slug ?? '?');
const emailOf = (world: World, userId: unknown) => String(world.byId('user', userId)?.email ?? '-');

const ACME = ['acme'];
const GLOBEX = ['globex'];
const ALL_ORGS = ['acme', 'globex', 'hooli', 'initech', 'umbrella'];
const ACME_MEMBERS = [
  'alice@acme.demo', 'chloe.muller.23@example.com', 'diego.kim.1@example.com', 'hiro.smith.51@example.com',
  'jonas.silva.45@example.com', 'kwame.obrien.29@example.com', 'lucas.kowalski.7@example.com', 'olivia.garcia.13@example.com',
  'olivia.nguyen.4@example.com', 'olivia.rossi.34@example.com', 'omar.silva.56@example.com', 'sam.support@warden.demo',
  'sofia.patel.39@example.com', 'zoe.obrien.18@example.com', 'zoe.patel.46@example.com',
].map((e) => `acme/${e}`);
const GLOBEX_MEMBERS = [
  'bob@globex.demo', 'chloe.muller.30@example.com', 'emma.rossi.40@example.com', 'freya.johansson.19@example.com',
  'freya.nguyen.14@example.com', 'jonas.garcia.25@example.com', 'lena.haddad.3@example.com', 'mateo.kim.52@example.com',
  'mia.kim.9@example.com', 'omar.moreau.15@example.com', 'omar.obrien.2@example.com', 'zoe.patel.46@example.com',
  'zoe.rossi.35@example.com',
].map((e) => `globex/${e}`);
const invitations = (slug: string) => ['accepted', 'canceled', 'pending', 'rejected'].map((s) => `${slug}/${s}`);
const ACTIVE_PLANS = ['prod_enterprise', 'prod_free', 'prod_pro', 'prod_starter'];
const ACTIVE_PRICES = [
  'price_enterprise_monthly', 'price_enterprise_yearly', 'price_free_monthly', 'price_onboarding_once',
  'price_pro_monthly', 'price_pro_yearly', 'price_starter_monthly', 'price_starter_yearly',
];
const ACTIVE_COUPONS = ['LAUNCH25', 'NONPROFIT50', 'PARTNER20', 'SAVE5', 'WELCOME10'];

const anchors: readonly Anchor[] = [
  // §3.1: own row only; support and admin see all 60.
  {
    table: 'user',
    natural: (r) => String(r.email),
    expect: { memberA: ['diego.kim.1@example.com'], memberB: ['freya.johansson.19@example.com'], orgAdmin: ['omar.obrien.2@example.com'], orgOwner: ['alice@acme.demo'], support: 60, admin: 60 },
  },
  { table: 'session', natural: (r, w) => emailOf(w, r.user_id), expect: { memberA: 2, memberB: 2, orgAdmin: 2, admin: 57 } },
  {
    table: 'account',
    natural: (r) => String(r.provider_id),
    expect: { memberA: ['credential'], memberB: ['credential', 'github'], orgAdmin: ['credential'] },
  },
  // §3.2: members see their organization; support and admin see all five.
  { table: 'organization', natural: (r) => String(r.slug), expect: { memberA: ACME, memberB: GLOBEX, orgAdmin: GLOBEX, orgOwner: ACME, support: ALL_ORGS, admin: ALL_ORGS } },
  {
    table: 'team',
    natural: (r, w) => `${slugOf(w, r.organization_id)}/${r.name}`,
    expect: { memberA: ['acme/Design', 'acme/Engineering', 'acme/Growth'], orgOwner: ['acme/Design', 'acme/Engineering', 'acme/Growth'], memberB: ['globex/Growth', 'globex/Sales', 'globex/Support'], orgAdmin: ['globex/Growth', 'globex/Sales', 'globex/Support'], support: 15, admin: 15 },
  },
  { table: 'member', natural: (r, w) => `${slugOf(w, r.organization_id)}/${emailOf(w, r.user_id)}`, expect: { memberA: ACME_MEMBERS, memberB: GLOBEX_MEMBERS, orgAdmin: GLOBEX_MEMBERS, orgOwner: ACME_MEMBERS, support: 64, admin: 64 } },
  {
    table: 'invitation',
    natural: (r, w) => `${slugOf(w, r.organization_id)}/${r.status}`,
    expect: { memberA: invitations('acme'), memberB: invitations('globex'), orgAdmin: invitations('globex'), orgOwner: invitations('acme'), support: 20, admin: 20 },
  },
  // §3.3: the org admin sees Globex's two organization keys (one is its own); members hold none.
  { table: 'apikey', natural: (r, w) => `${r.name}/${emailOf(w, r.user_id)}`, expect: { memberA: [], memberB: [], orgAdmin: ['CI deploy key/emma.rossi.40@example.com', 'CI deploy key/omar.obrien.2@example.com'] } },
  { table: 'usage_record', natural: (r) => String(r.id), expect: { memberA: 0, memberB: 0, orgAdmin: 186, admin: 2000 } },
  { table: 'usage_limit', natural: (r, w) => (r.organization_id ? slugOf(w, r.organization_id) : `user/${emailOf(w, r.user_id)}`), expect: { memberA: ACME, memberB: GLOBEX, orgAdmin: GLOBEX } },
  // §3.4 / §3.7: active catalogue for users and anon, everything for support (not coupons) and admin.
  { table: 'product', natural: (r) => String(r.id), expect: { anon: ACTIVE_PLANS, memberA: ACTIVE_PLANS, memberB: ACTIVE_PLANS, support: 5, admin: 5 } },
  { table: 'price', natural: (r) => String(r.id), expect: { anon: ACTIVE_PRICES, memberA: ACTIVE_PRICES, orgAdmin: ACTIVE_PRICES, support: 10, admin: 10 } },
  { table: 'coupon', natural: (r) => String(r.code), expect: { memberA: ACTIVE_COUPONS, memberB: ACTIVE_COUPONS, orgAdmin: ACTIVE_COUPONS, admin: 6 } },
  // §3.5: own subscriptions or those of the caller's organizations.
  { table: 'subscription', natural: (r) => String(r.id), expect: { memberA: 4, memberB: 8, orgAdmin: 7 } },
  // §3.8: 31 published posts, plus the caller's own drafts / scheduled posts.
  {
    table: 'blog_post',
    natural: (r) => String(r.status),
    expect: { anon: 31, memberA: 32, memberB: 31, orgAdmin: 33, admin: 40 },
  },
  { table: 'blog_category', natural: (r) => String(r.slug), expect: { anon: ['company', 'engineering', 'product', 'release-notes', 'security', 'tutorials'], memberA: 6, admin: 6 } },
  { table: 'blog_tag', natural: (r) => String(r.slug), expect: { anon: 15, memberB: 15, admin: 15 } },
  { table: 'blog_comment', natural: (r) => String(r.id), expect: { anon: 70, admin: 91 } },
  // §3.9: own tickets; memberA's ticket has one internal note that must stay hidden.
  {
    table: 'ticket',
    natural: (r) => `${r.subject}/${r.status}`,
    expect: {
      memberA: ['API returns 429 too often/open'],
      memberB: ['Export to CSV is empty/in_progress', 'Export to CSV is empty/in_progress', 'Webhook deliveries failing/open'],
      orgAdmin: ['Upgrade to Pro did not apply/in_progress'],
      support: 50,
      admin: 50,
    },
  },
  { table: 'message', natural: (r) => String(r.id), expect: { memberA: 5, memberB: 5, orgAdmin: 4 } },
  { table: 'feature_flag', natural: (r) => String(r.key), expect: { memberA: 10, support: 10, admin: 10 } },
];

const sorted = (xs: readonly string[]) => [...xs].sort();

/** Mismatches between a persona's observed SELECT and the literal anchor for that table. */
export function checkAnchors(table: string, persona: PersonaLabel, observed: Outcome, world: World): Mismatch[] {
  const anchor = anchors.find((a) => a.table === table);
  const want = anchor?.expect[persona];
  if (!anchor || want === undefined) return [];
  const fail = (got: string): Mismatch[] => [{ table, persona, probe: 'select', expected: `anchor ${JSON.stringify(want)}`, observed: got }];
  if (observed.kind !== 'rows') return fail(observed.kind);
  if (typeof want === 'number') return observed.keys.length === want ? [] : fail(`anchor: ${observed.keys.length} rows`);
  const got = sorted(observed.keys.map((k) => anchor.natural(world.byId(table, k) ?? {}, world)));
  return JSON.stringify(got) === JSON.stringify(sorted(want)) ? [] : fail(`anchor: ${JSON.stringify(got)}`);
}

/** How many literal anchors there are (table × persona), for the report. */
export const anchorCount = anchors.reduce((n, a) => n + Object.keys(a.expect).length, 0);
