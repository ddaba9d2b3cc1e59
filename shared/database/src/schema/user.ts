import { relations } from 'drizzle-orm';
import { boolean, index, integer, pgPolicy, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { apikey, usageLimit, usageRecord } from './api';
import { blogAsset, blogComment, blogPost, blogPostAudit, blogSubscriber } from './blog';
import { authId, createdAt, updatedAt } from './columns';
import { customer, subscription } from './customer';
import { offlineSync } from './mobile_app';
import { deviceToken, notificationPreference, pushNotification } from './notifications';
import { invitation, member } from './organizations';
import { paymentAccount, paymentSubscription, paymentTransaction } from './payments';
import { always, isOwner } from './policy-sql';
import { adminRole, authenticatedRole, supportRole } from './roles';
import { message, ticket } from './support';
import { waitlistEntry } from './waitlist';

// Better Auth 1.2.7 core + admin + passkey plugin tables (docs/schema.md §3.1).

export const user = pgTable(
  'user',
  {
    id: authId(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    emailVerified: boolean('email_verified').notNull().default(false),
    image: text('image'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    role: text('role'),
    banned: boolean('banned'),
    banReason: text('ban_reason'),
    banExpires: timestamp('ban_expires'),
  },
  (t) => [
    pgPolicy('users_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.id) }),
    // UPDATE is further narrowed by column grants (name, image, updated_at): a user must not be
    // able to change their own `role` or `banned`.
    pgPolicy('users_update_own_policy', {
      as: 'permissive',
      for: 'update',
      to: authenticatedRole,
      using: isOwner(t.id),
      withCheck: isOwner(t.id),
    }),
    pgPolicy('users_view_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
    pgPolicy('users_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
  ],
);

export const session = pgTable(
  'session',
  {
    id: authId(),
    expiresAt: timestamp('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    // Better Auth design: no foreign keys on these two (docs/schema.md §5).
    impersonatedBy: text('impersonated_by'),
    activeOrganizationId: text('active_organization_id'),
  },
  (t) => [
    index('session_user_id_idx').on(t.userId),
    pgPolicy('sessions_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('sessions_delete_own_policy', { as: 'permissive', for: 'delete', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('sessions_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const account = pgTable(
  'account',
  {
    id: authId(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at'),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('account_provider_id_account_id_unique').on(t.providerId, t.accountId),
    index('account_user_id_idx').on(t.userId),
    // Secret columns are additionally hidden from `authenticated` by column-level SELECT grants.
    pgPolicy('accounts_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('accounts_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const verification = pgTable(
  'verification',
  {
    id: authId(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    // Nullable in Better Auth 1.2 (docs/schema.md §3.1).
    createdAt: timestamp('created_at').defaultNow(),
    updatedAt: timestamp('updated_at')
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  () => [pgPolicy('verifications_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always })],
);

export const passkey = pgTable(
  'passkey',
  {
    id: authId(),
    name: text('name'),
    publicKey: text('public_key').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    credentialId: text('credential_id').notNull(),
    counter: integer('counter').notNull(),
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull(),
    transports: text('transports'),
    createdAt: timestamp('created_at'),
  },
  (t) => [
    index('passkey_user_id_idx').on(t.userId),
    pgPolicy('passkeys_manage_own_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOwner(t.userId),
      withCheck: isOwner(t.userId),
    }),
    pgPolicy('passkeys_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const usersRelations = relations(user, ({ one, many }) => ({
  sessions: many(session),
  accounts: many(account),
  passkeys: many(passkey),
  members: many(member),
  invitationsSent: many(invitation),
  apikeys: many(apikey),
  usageRecords: many(usageRecord),
  usageLimits: many(usageLimit),
  customer: one(customer),
  subscriptions: many(subscription),
  paymentAccounts: many(paymentAccount),
  paymentSubscriptions: many(paymentSubscription),
  paymentTransactions: many(paymentTransaction),
  blogPosts: many(blogPost),
  blogComments: many(blogComment),
  blogAssets: many(blogAsset),
  blogPostAudits: many(blogPostAudit),
  blogSubscribers: many(blogSubscriber),
  ticketsCreated: many(ticket, { relationName: 'ticket_creator' }),
  ticketsAssigned: many(ticket, { relationName: 'ticket_assignee' }),
  messages: many(message),
  pushNotifications: many(pushNotification),
  deviceTokens: many(deviceToken),
  notificationPreferences: many(notificationPreference),
  offlineSyncs: many(offlineSync),
  waitlistEntries: many(waitlistEntry),
}));

export const sessionsRelations = relations(session, ({ one }) => ({
  user: one(user, { fields: [session.userId], references: [user.id] }),
}));

export const accountsRelations = relations(account, ({ one }) => ({
  user: one(user, { fields: [account.userId], references: [user.id] }),
}));

export const passkeysRelations = relations(passkey, ({ one }) => ({
  user: one(user, { fields: [passkey.userId], references: [user.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type User = typeof user.$inferSelect;
export type NewUser = typeof user.$inferInsert;
export type Session = typeof session.$inferSelect;
export type NewSession = typeof session.$inferInsert;
export type Account = typeof account.$inferSelect;
export type NewAccount = typeof account.$inferInsert;
export type Verification = typeof verification.$inferSelect;
export type NewVerification = typeof verification.$inferInsert;
export type Passkey = typeof passkey.$inferSelect;
export type NewPasskey = typeof passkey.$inferInsert;
