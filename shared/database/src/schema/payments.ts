import { relations } from 'drizzle-orm';
import { boolean, foreignKey, index, integer, jsonb, pgPolicy, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { paymentProviderEnum, subscriptionStatusEnum, transactionStatusEnum, transactionTypeEnum } from './enums';
import { always, isOwner } from './policy-sql';
import { adminRole, authenticatedRole, supportRole } from './roles';
import { user } from './user';

// The provider-level billing layer beside customer.ts (docs/schema.md §3.6). `payment_event` is an
// immutable webhook log: admin may only SELECT, nobody may UPDATE or DELETE under RLS.

export const paymentAccount = pgTable(
  'payment_account',
  {
    id: appId(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    provider: paymentProviderEnum('provider').notNull().default('stripe'),
    providerCustomerId: text('provider_customer_id').notNull(),
    email: text('email'),
    defaultPaymentMethod: text('default_payment_method'),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('payment_account_provider_provider_customer_id_unique').on(t.provider, t.providerCustomerId),
    unique('payment_account_user_id_provider_unique').on(t.userId, t.provider),
    pgPolicy('payment_accounts_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('payment_accounts_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const paymentSubscription = pgTable(
  'payment_subscription',
  {
    id: appId(),
    paymentAccountId: text('payment_account_id')
      .notNull()
      .references(() => paymentAccount.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    provider: paymentProviderEnum('provider').notNull(),
    providerSubscriptionId: text('provider_subscription_id').notNull().unique(),
    providerProductId: text('provider_product_id'),
    providerPriceId: text('provider_price_id'),
    status: subscriptionStatusEnum('status').notNull(),
    quantity: integer('quantity').notNull().default(1),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    currentPeriodStart: timestamp('current_period_start'),
    currentPeriodEnd: timestamp('current_period_end'),
    canceledAt: timestamp('canceled_at'),
    trialStart: timestamp('trial_start'),
    trialEnd: timestamp('trial_end'),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payment_subscription_payment_account_id_idx').on(t.paymentAccountId),
    index('payment_subscription_user_id_idx').on(t.userId),
    pgPolicy('payment_subscriptions_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('payment_subscriptions_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
    pgPolicy('payment_subscriptions_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const paymentTransaction = pgTable(
  'payment_transaction',
  {
    id: appId(),
    paymentAccountId: text('payment_account_id')
      .notNull()
      .references(() => paymentAccount.id, { onDelete: 'cascade' }),
    // FK declared below with a short name: the generated one is 70 characters, and PostgreSQL
    // would truncate it to 63, leaving drizzle-kit's snapshot and the database disagreeing.
    paymentSubscriptionId: text('payment_subscription_id'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    provider: paymentProviderEnum('provider').notNull(),
    providerTransactionId: text('provider_transaction_id').notNull().unique(),
    type: transactionTypeEnum('type').notNull().default('charge'),
    status: transactionStatusEnum('status').notNull().default('pending'),
    /** Minor units (cents). */
    amount: integer('amount').notNull(),
    currency: text('currency').notNull().default('usd'),
    description: text('description'),
    receiptUrl: text('receipt_url'),
    invoiceUrl: text('invoice_url'),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: 'payment_transaction_payment_subscription_id_fk', columns: [t.paymentSubscriptionId], foreignColumns: [paymentSubscription.id] }).onDelete(
      'set null',
    ),
    index('payment_transaction_payment_account_id_idx').on(t.paymentAccountId),
    index('payment_transaction_user_id_created_at_idx').on(t.userId, t.createdAt),
    pgPolicy('payment_transactions_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('payment_transactions_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
    pgPolicy('payment_transactions_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const paymentEvent = pgTable(
  'payment_event',
  {
    id: appId(),
    provider: paymentProviderEnum('provider').notNull(),
    providerEventId: text('provider_event_id').notNull(),
    /** e.g. `customer.subscription.updated` */
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    processed: boolean('processed').notNull().default(false),
    processedAt: timestamp('processed_at'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    // Idempotency of webhook delivery.
    unique('payment_event_provider_provider_event_id_unique').on(t.provider, t.providerEventId),
    pgPolicy('payment_events_admin_view_policy', { as: 'permissive', for: 'select', to: adminRole, using: always }),
  ],
);

export const paymentAccountsRelations = relations(paymentAccount, ({ one, many }) => ({
  user: one(user, { fields: [paymentAccount.userId], references: [user.id] }),
  subscriptions: many(paymentSubscription),
  transactions: many(paymentTransaction),
}));

export const paymentSubscriptionsRelations = relations(paymentSubscription, ({ one, many }) => ({
  paymentAccount: one(paymentAccount, { fields: [paymentSubscription.paymentAccountId], references: [paymentAccount.id] }),
  user: one(user, { fields: [paymentSubscription.userId], references: [user.id] }),
  transactions: many(paymentTransaction),
}));

export const paymentTransactionsRelations = relations(paymentTransaction, ({ one }) => ({
  paymentAccount: one(paymentAccount, { fields: [paymentTransaction.paymentAccountId], references: [paymentAccount.id] }),
  paymentSubscription: one(paymentSubscription, {
    fields: [paymentTransaction.paymentSubscriptionId],
    references: [paymentSubscription.id],
  }),
  user: one(user, { fields: [paymentTransaction.userId], references: [user.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type PaymentAccount = typeof paymentAccount.$inferSelect;
export type NewPaymentAccount = typeof paymentAccount.$inferInsert;
export type PaymentSubscription = typeof paymentSubscription.$inferSelect;
export type NewPaymentSubscription = typeof paymentSubscription.$inferInsert;
export type PaymentTransaction = typeof paymentTransaction.$inferSelect;
export type NewPaymentTransaction = typeof paymentTransaction.$inferInsert;
export type PaymentEvent = typeof paymentEvent.$inferSelect;
export type NewPaymentEvent = typeof paymentEvent.$inferInsert;
