// Well-known demo identities, for tests and end-to-end specs (impersonation, RLS comparisons).
// The ids are fixed literals, not PRNG output, so they survive any change to the generators.

export const DEMO_ORG_IDS = {
  acme: 'wardenDemoOrgAcme000000000000001',
  globex: 'wardenDemoOrgGlobex0000000000001',
} as const;

export const DEMO_USERS = {
  /** user.role = admin -> rlsDb role `admin`. */
  admin: { id: 'wardenDemoAdmin00000000000000001', email: 'ada.admin@warden.demo', name: 'Ada Admin', role: 'admin' },
  /** user.role = support -> rlsDb role `support`. */
  support: { id: 'wardenDemoSupport000000000000001', email: 'sam.support@warden.demo', name: 'Sam Support', role: 'support' },
  /** Regular user, owner of Acme. */
  alice: { id: 'wardenDemoAlice00000000000000001', email: 'alice@acme.demo', name: 'Alice Anders', role: 'user', orgId: DEMO_ORG_IDS.acme },
  /** Regular user, owner of Globex (a different organization from Alice). */
  bob: { id: 'wardenDemoBob0000000000000000001', email: 'bob@globex.demo', name: 'Bob Brandt', role: 'user', orgId: DEMO_ORG_IDS.globex },
} as const;

export const DEMO_ADMIN_ID = DEMO_USERS.admin.id;
export const DEMO_SUPPORT_ID = DEMO_USERS.support.id;
export const DEMO_ALICE_ID = DEMO_USERS.alice.id;
export const DEMO_BOB_ID = DEMO_USERS.bob.id;

/** The fixed PRNG seed of the demo data. */
export const DEMO_SEED = 20250601;
