import type { apikey, invitation, member, organization, team, usageLimit, usageRecord } from '../schema';
import { daysAfter, daysAgo, minutesAfter } from './clock';
import { DEMO_ORG_IDS, DEMO_USERS } from './demo-users';
import { API_ENDPOINTS, HTTP_METHODS, ORGANIZATIONS, TEAM_NAMES } from './names';
import type { Rng } from './prng';
import type { People } from './users';

// Organizations with an owner, admins and members each, teams, invitations in every status,
// API keys (personal and organization-scoped) and usage limits.

export interface OrgRows {
  organization: (typeof organization.$inferInsert)[];
  member: (typeof member.$inferInsert)[];
  team: (typeof team.$inferInsert)[];
  invitation: (typeof invitation.$inferInsert)[];
  apikey: (typeof apikey.$inferInsert)[];
  usageLimit: (typeof usageLimit.$inferInsert)[];
  /** First organization of each member (sessions' active organization, subscriptions). */
  primaryOrg: Map<string, string>;
}

export function buildOrganizations(rng: Rng, people: People, scale: number): OrgRows {
  const rows: OrgRows = { organization: [], member: [], team: [], invitation: [], apikey: [], usageLimit: [], primaryOrg: new Map() };
  const extra = Math.max(0, scale - 1) * 3;
  const orgs = [
    ...ORGANIZATIONS,
    ...Array.from({ length: extra }, (_, i) => ({ key: `org-${i + 1}`, name: `Org ${i + 1}`, domain: `org-${i + 1}.demo` })),
  ];
  orgs.forEach((o, i) => {
    const id = o.key === 'acme' ? DEMO_ORG_IDS.acme : o.key === 'globex' ? DEMO_ORG_IDS.globex : rng.authId();
    const createdAt = daysAgo(380 - i);
    rows.organization.push({
      id,
      name: o.name,
      slug: o.key,
      logo: `https://logos.warden.demo/${o.key}.svg`,
      createdAt,
      metadata: JSON.stringify({ plan: rng.pick(['free', 'starter', 'pro']), domain: o.domain }),
    });
    for (const name of rng.sample(TEAM_NAMES, 3)) {
      rows.team.push({ id: rng.authId(), name, organizationId: id, createdAt, updatedAt: rng.bool(0.5) ? daysAfter(createdAt, 10) : null });
    }
  });
  const orgIds = rows.organization.map((o) => o.id as string);
  const teams = new Map<string, string[]>();
  for (const t of rows.team) teams.set(t.organizationId, [...(teams.get(t.organizationId) ?? []), t.id as string]);
  const teamsOf = (orgId: string) => teams.get(orgId) ?? [];
  const owned = new Set<string>();
  const join = (orgId: string, userId: string, role: string) => {
    if (role === 'owner') owned.add(orgId);
    rows.member.push({
      id: rng.authId(),
      organizationId: orgId,
      userId,
      role,
      teamId: rng.bool(0.6) ? rng.pick(teamsOf(orgId)) : null,
      createdAt: daysAgo(rng.int(1, 360)),
    });
    if (!rows.primaryOrg.has(userId)) rows.primaryOrg.set(userId, orgId);
  };
  join(DEMO_ORG_IDS.acme, DEMO_USERS.alice.id, 'owner');
  join(DEMO_ORG_IDS.globex, DEMO_USERS.bob.id, 'owner');
  const others = people.regular.filter((id) => id !== DEMO_USERS.alice.id && id !== DEMO_USERS.bob.id);
  others.forEach((userId, i) => {
    const orgId = orgIds[i % orgIds.length] as string;
    const needsOwner = !owned.has(orgId);
    // Every organization gets an owner, then admins, members and the odd "admin,member" pair.
    const role = needsOwner ? 'owner' : rng.weighted([['member', 70], ['admin', 25], ['admin,member', 5]] as const);
    join(orgId, userId, role);
    if (rng.bool(0.15)) {
      const second = rng.pick(orgIds.filter((o) => o !== orgId));
      join(second, userId, 'member');
    }
  });
  // Support agents belong to the first organization, as members.
  for (const agent of people.agents.slice(0, 2)) join(orgIds[0] as string, agent, 'member');

  const ownerOf = new Map(rows.member.filter((m) => m.role === 'owner').map((m) => [m.organizationId, m.userId]));
  for (const orgId of orgIds) {
    const inviter = ownerOf.get(orgId) as string;
    (['pending', 'accepted', 'rejected', 'canceled'] as const).forEach((status, k) => {
      const sent = daysAgo(rng.int(1, 40));
      rows.invitation.push({
        id: rng.authId(),
        organizationId: orgId,
        email: `invitee.${orgId.slice(-6).toLowerCase()}.${k}@example.org`,
        role: rng.pick(['member', 'admin']),
        teamId: rng.bool(0.4) ? rng.pick(teamsOf(orgId)) : null,
        status,
        expiresAt: daysAfter(sent, 2),
        inviterId: inviter,
      });
    });
    rows.usageLimit.push({
      id: rng.uuid(),
      organizationId: orgId,
      metric: 'api_request',
      limit: rng.pick([10_000, 100_000, 1_000_000]),
      period: 'month',
      currentUsage: rng.int(0, 9_000),
      resetAt: daysAfter(daysAgo(0), 30),
      createdAt: daysAgo(200),
      updatedAt: daysAgo(1),
    });
  }

  // API keys: about a third of regular users hold one; org admins also create organization keys.
  for (const userId of people.regular) {
    if (!rng.bool(0.35)) continue;
    const created = daysAgo(rng.int(5, 300));
    const orgKey = rng.bool(0.3) ? (rows.primaryOrg.get(userId) ?? null) : null;
    const prefix = rng.pick(['wdn_live', 'wdn_test']);
    rows.apikey.push({
      id: rng.authId(),
      name: orgKey ? 'CI deploy key' : rng.pick(['Local dev', 'Zapier', 'Reporting script', 'Mobile app']),
      start: `${prefix}_${rng.token(4)}`,
      prefix,
      key: rng.token(64),
      userId,
      refillInterval: rng.bool(0.3) ? 3_600_000 : null,
      refillAmount: rng.bool(0.3) ? 1000 : null,
      enabled: rng.bool(0.9),
      rateLimitEnabled: true,
      rateLimitTimeWindow: 86_400_000,
      rateLimitMax: rng.pick([10, 100, 1000]),
      requestCount: rng.int(0, 5000),
      remaining: rng.bool(0.5) ? rng.int(0, 1000) : null,
      lastRequest: daysAgo(rng.float() * 5),
      expiresAt: rng.bool(0.2) ? daysAfter(created, 365) : null,
      createdAt: created,
      updatedAt: created,
      permissions: JSON.stringify({ projects: ['read', 'write'], reports: ['read'] }),
      metadata: JSON.stringify({ createdFrom: rng.pick(['dashboard', 'cli']) }),
      organizationId: orgKey,
    });
    if (rng.bool(0.3)) {
      rows.usageLimit.push({
        id: rng.uuid(),
        userId,
        metric: rng.pick(['api_request', 'tokens']),
        limit: rng.pick([1000, 5000]),
        period: rng.pick(['day', 'month']),
        currentUsage: rng.int(0, 900),
        resetAt: daysAfter(daysAgo(0), 1),
        createdAt: created,
        updatedAt: created,
      });
    }
  }
  return rows;
}

/** Usage records for the generated keys, in the JS path (small volumes). */
export function buildUsageRecords(rng: Rng, keys: OrgRows['apikey'], count: number): (typeof usageRecord.$inferInsert)[] {
  const out: (typeof usageRecord.$inferInsert)[] = [];
  if (keys.length === 0) return out;
  for (let i = 0; i < count; i++) {
    const key = rng.pick(keys);
    const status = rng.weighted([[200, 85], [201, 5], [404, 4], [429, 4], [500, 2]] as const);
    out.push({
      id: rng.uuid(),
      apikeyId: key.id as string,
      userId: key.userId,
      organizationId: key.organizationId ?? null,
      metric: 'api_request',
      quantity: 1,
      endpoint: rng.pick(API_ENDPOINTS),
      method: rng.pick(HTTP_METHODS),
      statusCode: status,
      metadata: { latencyMs: rng.int(3, 900), region: rng.pick(['eu-west-1', 'us-east-1']) },
      createdAt: minutesAfter(daysAgo(30), rng.int(0, 30 * 24 * 60)),
    });
  }
  return out;
}
