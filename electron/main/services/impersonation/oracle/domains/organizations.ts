import { adminAll, always, either, manage, orgAdmin, orgMember, orgOwner, own, readOnly } from '../rules';
import { PROBE_TIME, pick } from '../pick';
import type { Rule, TableOracle } from '../types';

// docs/schema.md §3.2 organizations.ts and the §6 rows organization / member / invitation / team.
// "Org admin" is Better Auth's member role owner or admin (comma-separated roles count).

/** invitations_view_policy: "for org members or where email equals the caller's email". */
const invitedOrMember: Rule = either(orgMember('organization_id'), (r, me) => me.email !== null && r.email === me.email);

export const organizationsDomain: TableOracle[] = [
  {
    table: 'organization',
    key: ['id'],
    cite: '§3.2 organization RLS: view if member, INSERT WITH CHECK true, UPDATE if owner/admin, DELETE if owner, ALL TO admin, SELECT TO support',
    access: {
      authenticated: { select: orgMember('id'), insert: always, update: orgAdmin('id'), delete: orgOwner('id') },
      support: readOnly(always),
      admin: adminAll,
    },
    touch: 'logo',
    newRow: (c) => ({ id: c.fresh('org'), name: 'Oracle Org', slug: c.fresh('slug') }),
  },
  {
    table: 'member',
    key: ['id'],
    cite: '§3.2 member RLS: members_view_org_policy (own row or same organization), members_manage_org_admin_policy (ALL, org owner/admin), members_admin_policy; §6: support SELECT',
    access: {
      authenticated: manage(orgAdmin('organization_id'), { select: either(own('user_id'), orgMember('organization_id')) }),
      support: readOnly(always),
      admin: adminAll,
    },
    touch: 'team_id',
    // Adds the demo admin (a member of no organization) to the owner's organization.
    newRow: (c) => ({
      id: c.fresh('mem'),
      organization_id: c.owner.homeOrg,
      user_id: pick(c.world, 'user', (u) => u.email === 'ada.admin@warden.demo').id,
      role: 'member',
      created_at: PROBE_TIME,
    }),
  },
  {
    table: 'invitation',
    key: ['id'],
    cite: '§3.2 invitation RLS: invitations_view_policy (org members or own email), invitations_manage_policy (ALL, org owner/admin), invitations_admin_policy; §6: support SELECT',
    access: {
      authenticated: manage(orgAdmin('organization_id'), { select: invitedOrMember }),
      support: readOnly(always),
      admin: adminAll,
    },
    touch: 'role',
    newRow: (c) => ({
      id: c.fresh('inv'),
      organization_id: c.owner.homeOrg,
      email: `${c.fresh('invitee')}@oracle.test`,
      status: 'pending',
      expires_at: PROBE_TIME,
      inviter_id: c.owner.id ?? c.me.id,
    }),
    move: { column: 'organization_id', scope: 'org' },
  },
  {
    table: 'team',
    key: ['id'],
    cite: '§3.2 team RLS: teams_view_member_policy (SELECT, org members), teams_manage_admin_policy (ALL, org owner/admin), teams_admin_policy; §6: support SELECT',
    access: {
      authenticated: manage(orgAdmin('organization_id'), { select: orgMember('organization_id') }),
      support: readOnly(always),
      admin: adminAll,
    },
    touch: 'updated_at',
    newRow: (c) => ({ id: c.fresh('team'), name: 'Oracle Team', organization_id: c.owner.homeOrg, created_at: PROBE_TIME }),
    move: { column: 'organization_id', scope: 'org' },
  },
];
