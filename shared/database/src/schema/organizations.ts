import { or, relations, sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { apikey, usageLimit, usageRecord } from './api';
import { authId, createdAt } from './columns';
import { subscription } from './customer';
import { always, callerEmail, isOrgAdmin, isOrgMember, isOrgOwner, isOwner } from './policy-sql';
import { adminRole, authenticatedRole, supportRole } from './roles';
import { ticket } from './support';
import { user } from './user';

// Better Auth 1.2.7 organization plugin with teams (docs/schema.md §3.2). Membership checks go through
// the SECURITY DEFINER helpers `auth.is_org_*`: a policy on `member` that selects from `member`
// would fail with "infinite recursion detected in policy".

export const organization = pgTable(
  'organization',
  {
    id: authId(),
    name: text('name').notNull(),
    // Unique but not required in Better Auth, so nullable; the app always sets it.
    slug: text('slug').unique(),
    logo: text('logo'),
    createdAt: createdAt(),
    /** JSON as text (Better Auth). */
    metadata: text('metadata'),
  },
  (t) => [
    pgPolicy('organizations_view_member_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOrgMember(t.id) }),
    pgPolicy('organizations_insert_policy', { as: 'permissive', for: 'insert', to: authenticatedRole, withCheck: always }),
    pgPolicy('organizations_update_admin_policy', {
      as: 'permissive',
      for: 'update',
      to: authenticatedRole,
      using: isOrgAdmin(t.id),
      withCheck: isOrgAdmin(t.id),
    }),
    pgPolicy('organizations_delete_owner_policy', { as: 'permissive', for: 'delete', to: authenticatedRole, using: isOrgOwner(t.id) }),
    pgPolicy('organizations_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
    pgPolicy('organizations_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
  ],
);

export const member = pgTable(
  'member',
  {
    id: authId(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** owner / admin / member; Better Auth allows a comma-separated list. */
    role: text('role').notNull().default('member'),
    // Better Auth 1.2 with teams: no foreign key (docs/schema.md §5).
    teamId: text('team_id'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('member_organization_id_user_id_unique').on(t.organizationId, t.userId),
    index('member_user_id_idx').on(t.userId),
    pgPolicy('members_view_org_policy', {
      as: 'permissive',
      for: 'select',
      to: authenticatedRole,
      using: or(isOwner(t.userId), isOrgMember(t.organizationId)),
    }),
    pgPolicy('members_manage_org_admin_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOrgAdmin(t.organizationId),
      withCheck: isOrgAdmin(t.organizationId),
    }),
    pgPolicy('members_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
    pgPolicy('members_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
  ],
);

export const invitation = pgTable(
  'invitation',
  {
    id: authId(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role'),
    teamId: text('team_id'),
    /** pending / accepted / rejected / canceled */
    status: text('status').notNull().default('pending'),
    expiresAt: timestamp('expires_at').notNull(),
    inviterId: text('inviter_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('invitation_organization_id_idx').on(t.organizationId),
    pgPolicy('invitations_view_policy', {
      as: 'permissive',
      for: 'select',
      to: authenticatedRole,
      using: or(isOrgMember(t.organizationId), sql`${t.email} = ${callerEmail}`),
    }),
    pgPolicy('invitations_manage_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOrgAdmin(t.organizationId),
      withCheck: isOrgAdmin(t.organizationId),
    }),
    pgPolicy('invitations_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
    pgPolicy('invitations_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
  ],
);

export const team = pgTable(
  'team',
  {
    id: authId(),
    name: text('name').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').$onUpdate(() => new Date()),
  },
  (t) => [
    index('team_organization_id_idx').on(t.organizationId),
    pgPolicy('teams_view_member_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOrgMember(t.organizationId) }),
    pgPolicy('teams_manage_admin_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOrgAdmin(t.organizationId),
      withCheck: isOrgAdmin(t.organizationId),
    }),
    pgPolicy('teams_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
    pgPolicy('teams_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
  ],
);

export const organizationsRelations = relations(organization, ({ many }) => ({
  members: many(member),
  invitations: many(invitation),
  teams: many(team),
  apikeys: many(apikey),
  usageRecords: many(usageRecord),
  usageLimits: many(usageLimit),
  subscriptions: many(subscription),
  tickets: many(ticket),
}));

export const membersRelations = relations(member, ({ one }) => ({
  organization: one(organization, { fields: [member.organizationId], references: [organization.id] }),
  user: one(user, { fields: [member.userId], references: [user.id] }),
}));

export const invitationsRelations = relations(invitation, ({ one }) => ({
  organization: one(organization, { fields: [invitation.organizationId], references: [organization.id] }),
  inviter: one(user, { fields: [invitation.inviterId], references: [user.id] }),
}));

export const teamsRelations = relations(team, ({ one }) => ({
  organization: one(organization, { fields: [team.organizationId], references: [organization.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type Organization = typeof organization.$inferSelect;
export type NewOrganization = typeof organization.$inferInsert;
export type Member = typeof member.$inferSelect;
export type NewMember = typeof member.$inferInsert;
export type Invitation = typeof invitation.$inferSelect;
export type NewInvitation = typeof invitation.$inferInsert;
export type Team = typeof team.$inferSelect;
export type NewTeam = typeof team.$inferInsert;
