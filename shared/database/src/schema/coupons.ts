import { eq, sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, numeric, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { couponDurationEnum, discountTypeEnum, paymentProviderEnum } from './enums';
import { always } from './policy-sql';
import { adminRole, authenticatedRole } from './roles';

// Coupons, Stripe-shaped (docs/schema.md §3.7). Validation happens server-side on the privileged db;
// authenticated users may list active coupons (the optional policy of the matrix).

export const coupon = pgTable(
  'coupon',
  {
    id: appId(),
    provider: paymentProviderEnum('provider'),
    providerCouponId: text('provider_coupon_id').unique(),
    /** Promotion code. */
    code: text('code').unique(),
    name: text('name'),
    discountType: discountTypeEnum('discount_type').notNull(),
    /** Minor units, when discount_type = amount. */
    amountOff: integer('amount_off'),
    /** 0-100, when discount_type = percentage. */
    percentOff: numeric('percent_off', { precision: 5, scale: 2, mode: 'number' }),
    currency: text('currency'),
    duration: couponDurationEnum('duration').notNull().default('once'),
    durationInMonths: integer('duration_in_months'),
    maxRedemptions: integer('max_redemptions'),
    timesRedeemed: integer('times_redeemed').notNull().default(0),
    validFrom: timestamp('valid_from'),
    validUntil: timestamp('valid_until'),
    active: boolean('active').notNull().default(true),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      'coupon_discount_check',
      sql`(${t.discountType} = 'amount' AND ${t.amountOff} IS NOT NULL AND ${t.percentOff} IS NULL AND ${t.currency} IS NOT NULL) OR (${t.discountType} = 'percentage' AND ${t.percentOff} IS NOT NULL AND ${t.amountOff} IS NULL)`,
    ),
    pgPolicy('coupons_view_active_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: eq(t.active, sql`true`) }),
    pgPolicy('coupons_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type Coupon = typeof coupon.$inferSelect;
export type NewCoupon = typeof coupon.$inferInsert;
