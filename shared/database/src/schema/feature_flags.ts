import { relations, sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { always } from './policy-sql';
import { product } from './products';
import { adminRole, authenticatedRole, supportRole } from './roles';

// Feature flags and the plans (products) that unlock them (docs/schema.md §3.12).

export const featureFlag = pgTable(
  'feature_flag',
  {
    id: appId(),
    /** e.g. `advanced_analytics` */
    key: text('key').notNull().unique(),
    name: text('name').notNull(),
    description: text('description'),
    /** Global switch. */
    enabled: boolean('enabled').notNull().default(false),
    rolloutPercentage: integer('rollout_percentage'),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('feature_flag_rollout_percentage_check', sql`${t.rolloutPercentage} between 0 and 100`),
    pgPolicy('feature_flags_view_policy', { as: 'permissive', for: 'select', to: [authenticatedRole, supportRole], using: always }),
    pgPolicy('feature_flags_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const productFeatureFlag = pgTable(
  'product_feature_flag',
  {
    productId: text('product_id')
      .notNull()
      .references(() => product.id, { onDelete: 'cascade' }),
    featureFlagId: text('feature_flag_id')
      .notNull()
      .references(() => featureFlag.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(true),
    /** Limit or configuration for this plan. */
    value: jsonb('value'),
    createdAt: timestamp('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.featureFlagId] }),
    pgPolicy('product_feature_flags_view_policy', { as: 'permissive', for: 'select', to: [authenticatedRole, supportRole], using: always }),
    pgPolicy('product_feature_flags_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const featureFlagsRelations = relations(featureFlag, ({ many }) => ({
  products: many(productFeatureFlag),
}));

export const productFeatureFlagsRelations = relations(productFeatureFlag, ({ one }) => ({
  product: one(product, { fields: [productFeatureFlag.productId], references: [product.id] }),
  featureFlag: one(featureFlag, { fields: [productFeatureFlag.featureFlagId], references: [featureFlag.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type FeatureFlag = typeof featureFlag.$inferSelect;
export type NewFeatureFlag = typeof featureFlag.$inferInsert;
export type ProductFeatureFlag = typeof productFeatureFlag.$inferSelect;
export type NewProductFeatureFlag = typeof productFeatureFlag.$inferInsert;
