import { or, relations, sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgPolicy, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { appId, authId, createdAt, updatedAt } from './columns';
import { usagePeriodEnum } from './enums';
import { organization } from './organizations';
import { always, isOrgAdmin, isOrgMember, isOwner } from './policy-sql';
import { adminRole, authenticatedRole } from './roles';
import { user } from './user';

// API keys (Better Auth 1.2.7 api-key plugin + organization_id), usage records and limits
// (docs/schema.md §3.3).

export const apikey = pgTable(
  'apikey',
  {
    id: authId(),
    name: text('name'),
    start: text('start'),
    prefix: text('prefix'),
    /** Hashed key. */
    key: text('key').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    refillInterval: integer('refill_interval'),
    refillAmount: integer('refill_amount'),
    lastRefillAt: timestamp('last_refill_at'),
    enabled: boolean('enabled').default(true),
    rateLimitEnabled: boolean('rate_limit_enabled').default(true),
    rateLimitTimeWindow: integer('rate_limit_time_window').default(86_400_000),
    rateLimitMax: integer('rate_limit_max').default(10),
    requestCount: integer('request_count'),
    remaining: integer('remaining'),
    lastRequest: timestamp('last_request'),
    expiresAt: timestamp('expires_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** JSON as text (Better Auth). */
    permissions: text('permissions'),
    /** JSON as text (Better Auth). */
    metadata: text('metadata'),
    organizationId: text('organization_id').references(() => organization.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('apikey_user_id_idx').on(t.userId),
    index('apikey_organization_id_idx').on(t.organizationId),
    pgPolicy('apikeys_manage_own_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOwner(t.userId),
      withCheck: isOwner(t.userId),
    }),
    pgPolicy('apikeys_org_admin_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOrgAdmin(t.organizationId),
      withCheck: isOrgAdmin(t.organizationId),
    }),
    pgPolicy('apikeys_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const usageRecord = pgTable(
  'usage_record',
  {
    id: appId(),
    apikeyId: text('apikey_id').references(() => apikey.id, { onDelete: 'set null' }),
    userId: text('user_id').references(() => user.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').references(() => organization.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull().default('api_request'),
    quantity: integer('quantity').notNull().default(1),
    endpoint: text('endpoint'),
    method: text('method'),
    statusCode: integer('status_code'),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
  },
  (t) => [
    index('usage_record_apikey_id_created_at_idx').on(t.apikeyId, t.createdAt),
    index('usage_record_user_id_created_at_idx').on(t.userId, t.createdAt),
    index('usage_record_organization_id_created_at_idx').on(t.organizationId, t.createdAt),
    // Inserts come only from the privileged db: no INSERT policy for authenticated.
    pgPolicy('usage_records_view_own_policy', {
      as: 'permissive',
      for: 'select',
      to: authenticatedRole,
      using: or(isOwner(t.userId), isOrgAdmin(t.organizationId)),
    }),
    pgPolicy('usage_records_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const usageLimit = pgTable(
  'usage_limit',
  {
    id: appId(),
    userId: text('user_id').references(() => user.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').references(() => organization.id, { onDelete: 'cascade' }),
    metric: text('metric').notNull(),
    // A reserved word: drizzle always quotes it.
    limit: integer('limit').notNull(),
    period: usagePeriodEnum('period').notNull().default('month'),
    currentUsage: integer('current_usage').notNull().default(0),
    resetAt: timestamp('reset_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Exactly one owner; with one side always NULL the unique needs NULLS NOT DISTINCT (PG 15+).
    unique('usage_limit_user_id_organization_id_metric_unique').on(t.userId, t.organizationId, t.metric).nullsNotDistinct(),
    check('usage_limit_owner_check', sql`num_nonnulls(${t.userId}, ${t.organizationId}) = 1`),
    pgPolicy('usage_limits_view_own_policy', {
      as: 'permissive',
      for: 'select',
      to: authenticatedRole,
      using: or(isOwner(t.userId), isOrgMember(t.organizationId)),
    }),
    pgPolicy('usage_limits_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const apikeysRelations = relations(apikey, ({ one, many }) => ({
  user: one(user, { fields: [apikey.userId], references: [user.id] }),
  organization: one(organization, { fields: [apikey.organizationId], references: [organization.id] }),
  usageRecords: many(usageRecord),
}));

export const usageRecordsRelations = relations(usageRecord, ({ one }) => ({
  apikey: one(apikey, { fields: [usageRecord.apikeyId], references: [apikey.id] }),
  user: one(user, { fields: [usageRecord.userId], references: [user.id] }),
  organization: one(organization, { fields: [usageRecord.organizationId], references: [organization.id] }),
}));

export const usageLimitsRelations = relations(usageLimit, ({ one }) => ({
  user: one(user, { fields: [usageLimit.userId], references: [user.id] }),
  organization: one(organization, { fields: [usageLimit.organizationId], references: [organization.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type Apikey = typeof apikey.$inferSelect;
export type NewApikey = typeof apikey.$inferInsert;
export type UsageRecord = typeof usageRecord.$inferSelect;
export type NewUsageRecord = typeof usageRecord.$inferInsert;
export type UsageLimit = typeof usageLimit.$inferSelect;
export type NewUsageLimit = typeof usageLimit.$inferInsert;
