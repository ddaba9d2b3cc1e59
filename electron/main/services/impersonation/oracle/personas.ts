import type { PersonaLabel, PgRole, Who, World } from './types';

// The identities of the oracle: issue 13's six (a plain member of org A, a plain member of org B,
// an org admin, support, admin, anon) plus an org owner, the only one who may delete its
// organization (docs/schema.md §3.2), so that rule is exercised by a row and not only refused. Chosen by hand from the deterministic demo seed
// (electron/main/services/seed): stable natural keys (emails, organization slugs), never PRNG ids.
//  - memberA: diego.kim.1, role "member" of Acme only; authors blog posts, has a ticket, sessions.
//  - memberB: freya.johansson.19, role "member" of Globex only; has tickets and messages.
//  - orgAdmin: omar.obrien.2, role "admin" (not owner) of Globex only; holds a Globex org API key.
//  - orgOwner: alice (demo), owner of Acme; blog posts, tickets, a passkey.
//  - support: the demo agent (user.role support); also a plain member of Acme, which must not
//    matter: policies TO authenticated do not apply to the support role (docs/schema.md §2.4).
//  - admin: the demo admin (user.role admin), a member of no organization.
//  - anon: no identity at all (auth.uid() is NULL); rlsDb cannot act as anon (§2.1), see identity.ts.

interface PersonaSpec {
  label: PersonaLabel;
  pgRole: PgRole;
  email: string | null;
  /** The organization (slug) of this identity's new rows. */
  home: string;
  /** Whose rows the cross-tenant probes target. */
  other: PersonaLabel;
}

export const personaSpecs: readonly PersonaSpec[] = [
  { label: 'memberA', pgRole: 'authenticated', email: 'diego.kim.1@example.com', home: 'acme', other: 'memberB' },
  { label: 'memberB', pgRole: 'authenticated', email: 'freya.johansson.19@example.com', home: 'globex', other: 'memberA' },
  { label: 'orgAdmin', pgRole: 'authenticated', email: 'omar.obrien.2@example.com', home: 'globex', other: 'memberA' },
  { label: 'orgOwner', pgRole: 'authenticated', email: 'alice@acme.demo', home: 'acme', other: 'memberB' },
  { label: 'support', pgRole: 'support', email: 'sam.support@warden.demo', home: 'acme', other: 'memberA' },
  // initech, not acme: the admin's organization-scoped "move" must actually move rows elsewhere.
  { label: 'admin', pgRole: 'admin', email: 'ada.admin@warden.demo', home: 'initech', other: 'memberA' },
  { label: 'anon', pgRole: 'anon', email: null, home: 'acme', other: 'memberA' },
];

/** The personas as identities, with their organization facts read from the seeded member rows. */
export function buildPersonas(world: World): Map<PersonaLabel, Who> {
  const orgBySlug = new Map(world.rows('organization').map((o) => [o.slug, o.id as string]));
  const out = new Map<PersonaLabel, Who>();
  for (const p of personaSpecs) {
    const user = p.email === null ? undefined : world.rows('user').find((u) => u.email === p.email);
    if (p.email !== null && !user) throw new Error(`oracle: the seed has no user ${p.email}`);
    const id = (user?.id as string | undefined) ?? null;
    const memberships = world.rows('member').filter((m) => id !== null && m.user_id === id);
    const roles = (m: (typeof memberships)[number]) => String(m.role).split(',').map((r) => r.trim());
    const homeOrg = orgBySlug.get(p.home);
    if (!homeOrg) throw new Error(`oracle: the seed has no organization ${p.home}`);
    out.set(p.label, {
      label: p.label,
      pgRole: p.pgRole,
      id,
      email: p.email,
      memberOf: new Set(memberships.map((m) => m.organization_id as string)),
      adminOf: new Set(memberships.filter((m) => roles(m).some((r) => r === 'owner' || r === 'admin')).map((m) => m.organization_id as string)),
      ownerOf: new Set(memberships.filter((m) => roles(m).includes('owner')).map((m) => m.organization_id as string)),
      homeOrg,
    });
  }
  return out;
}

export const otherOf = (label: PersonaLabel): PersonaLabel => personaSpecs.find((p) => p.label === label)?.other ?? 'memberA';
