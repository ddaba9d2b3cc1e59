import { eq, relations, sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgPolicy, pgTable, text } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { subscription } from './customer';
import { paymentProviderEnum, priceIntervalEnum, priceTypeEnum } from './enums';
import { productFeatureFlag } from './feature_flags';
import { always } from './policy-sql';
import { adminRole, anonRole, authenticatedRole, supportRole } from './roles';

// Products and prices, Stripe-shaped (docs/schema.md §3.4). Public read of active rows for anon and
// authenticated.

export const product = pgTable(
  'product',
  {
    id: appId(),
    name: text('name').notNull(),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    image: text('image'),
    provider: paymentProviderEnum('provider'),
    providerProductId: text('provider_product_id').unique(),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    pgPolicy('products_view_public_policy', {
      as: 'permissive',
      for: 'select',
      to: [anonRole, authenticatedRole],
      using: eq(t.active, sql`true`),
    }),
    pgPolicy('products_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
    pgPolicy('products_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const price = pgTable(
  'price',
  {
    id: appId(),
    productId: text('product_id')
      .notNull()
      .references(() => product.id, { onDelete: 'cascade' }),
    providerPriceId: text('provider_price_id').unique(),
    active: boolean('active').notNull().default(true),
    description: text('description'),
    /** Minor units (cents). */
    unitAmount: integer('unit_amount'),
    /** ISO 4217, lowercase (Stripe style). */
    currency: text('currency').notNull().default('usd'),
    type: priceTypeEnum('type').notNull().default('recurring'),
    interval: priceIntervalEnum('interval'),
    intervalCount: integer('interval_count').default(1),
    trialPeriodDays: integer('trial_period_days'),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('price_product_id_idx').on(t.productId),
    check('price_currency_check', sql`char_length(${t.currency}) = 3`),
    pgPolicy('prices_view_public_policy', {
      as: 'permissive',
      for: 'select',
      to: [anonRole, authenticatedRole],
      using: eq(t.active, sql`true`),
    }),
    pgPolicy('prices_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
    pgPolicy('prices_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const productsRelations = relations(product, ({ many }) => ({
  prices: many(price),
  featureFlags: many(productFeatureFlag),
  subscriptions: many(subscription),
}));

export const pricesRelations = relations(price, ({ one, many }) => ({
  product: one(product, { fields: [price.productId], references: [product.id] }),
  subscriptions: many(subscription),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type Product = typeof product.$inferSelect;
export type NewProduct = typeof product.$inferInsert;
export type Price = typeof price.$inferSelect;
export type NewPrice = typeof price.$inferInsert;
