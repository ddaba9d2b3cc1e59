import { or, relations } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { paymentProviderEnum, subscriptionStatusEnum } from './enums';
import { organization } from './organizations';
import { always, isOrgMember, isOwner } from './policy-sql';
import { price, product } from './products';
import { adminRole, authenticatedRole, supportRole } from './roles';
import { user } from './user';

// Billing customer (1:1 with user) and subscriptions (docs/schema.md §3.5). Writes come from webhook
// handlers on the privileged db, so users only read.

export const customer = pgTable(
  'customer',
  {
    id: appId(),
    userId: text('user_id')
      .notNull()
      .unique()
      .references(() => user.id, { onDelete: 'cascade' }),
    provider: paymentProviderEnum('provider').notNull().default('stripe'),
    providerCustomerId: text('provider_customer_id').notNull().unique(),
    email: text('email'),
    name: text('name'),
    billingAddress: jsonb('billing_address'),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    pgPolicy('customers_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('customers_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
    pgPolicy('customers_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const subscription = pgTable(
  'subscription',
  {
    id: appId(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customer.id, { onDelete: 'cascade' }),
    // Denormalised from customer so the policy needs no join.
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').references(() => organization.id, { onDelete: 'set null' }),
    productId: text('product_id').references(() => product.id, { onDelete: 'set null' }),
    priceId: text('price_id').references(() => price.id, { onDelete: 'set null' }),
    providerSubscriptionId: text('provider_subscription_id').notNull().unique(),
    status: subscriptionStatusEnum('status').notNull().default('incomplete'),
    quantity: integer('quantity').notNull().default(1),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    currentPeriodStart: timestamp('current_period_start'),
    currentPeriodEnd: timestamp('current_period_end'),
    cancelAt: timestamp('cancel_at'),
    canceledAt: timestamp('canceled_at'),
    endedAt: timestamp('ended_at'),
    trialStart: timestamp('trial_start'),
    trialEnd: timestamp('trial_end'),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('subscription_customer_id_idx').on(t.customerId),
    index('subscription_user_id_idx').on(t.userId),
    index('subscription_status_idx').on(t.status),
    pgPolicy('subscriptions_view_own_policy', {
      as: 'permissive',
      for: 'select',
      to: authenticatedRole,
      using: or(isOwner(t.userId), isOrgMember(t.organizationId)),
    }),
    pgPolicy('subscriptions_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
    pgPolicy('subscriptions_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const customersRelations = relations(customer, ({ one, many }) => ({
  user: one(user, { fields: [customer.userId], references: [user.id] }),
  subscriptions: many(subscription),
}));

export const subscriptionsRelations = relations(subscription, ({ one }) => ({
  customer: one(customer, { fields: [subscription.customerId], references: [customer.id] }),
  user: one(user, { fields: [subscription.userId], references: [user.id] }),
  organization: one(organization, { fields: [subscription.organizationId], references: [organization.id] }),
  product: one(product, { fields: [subscription.productId], references: [product.id] }),
  price: one(price, { fields: [subscription.priceId], references: [price.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type Customer = typeof customer.$inferSelect;
export type NewCustomer = typeof customer.$inferInsert;
export type Subscription = typeof subscription.$inferSelect;
export type NewSubscription = typeof subscription.$inferInsert;
