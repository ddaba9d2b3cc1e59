import type {
  coupon,
  customer,
  featureFlag,
  paymentAccount,
  paymentEvent,
  paymentSubscription,
  paymentTransaction,
  price,
  product,
  productFeatureFlag,
  subscription,
} from '../schema';
import { daysAfter, daysAgo } from './clock';
import type { Rng } from './prng';
import type { People } from './users';

// The catalogue (products, prices, feature flags, coupons) and the billing history of paying
// users on both layers: customer/subscription and payment_account/subscription/transaction/event.

type Rows<T extends { $inferInsert: unknown }> = T['$inferInsert'][];

export interface BillingRows {
  product: Rows<typeof product>;
  price: Rows<typeof price>;
  featureFlag: Rows<typeof featureFlag>;
  productFeatureFlag: Rows<typeof productFeatureFlag>;
  coupon: Rows<typeof coupon>;
  customer: Rows<typeof customer>;
  subscription: Rows<typeof subscription>;
  paymentAccount: Rows<typeof paymentAccount>;
  paymentSubscription: Rows<typeof paymentSubscription>;
  paymentTransaction: Rows<typeof paymentTransaction>;
  paymentEvent: Rows<typeof paymentEvent>;
}

const PLANS = [
  { key: 'free', name: 'Free', monthly: 0, active: true },
  { key: 'starter', name: 'Starter', monthly: 900, active: true },
  { key: 'pro', name: 'Pro', monthly: 2900, active: true },
  { key: 'enterprise', name: 'Enterprise', monthly: 19900, active: true },
  { key: 'legacy', name: 'Legacy Team (retired)', monthly: 1500, active: false },
];

const FLAGS = [
  ['advanced_analytics', 'Advanced analytics'],
  ['sso', 'Single sign-on'],
  ['audit_log', 'Audit log'],
  ['api_access', 'API access'],
  ['custom_domain', 'Custom domain'],
  ['priority_support', 'Priority support'],
  ['offline_mode', 'Offline mode'],
  ['team_workspaces', 'Team workspaces'],
  ['ai_assistant', 'AI assistant (beta)'],
  ['export_csv', 'CSV export'],
] as const;

export function buildBilling(rng: Rng, people: People, primaryOrg: Map<string, string>): BillingRows {
  const rows: BillingRows = {
    product: [],
    price: [],
    featureFlag: [],
    productFeatureFlag: [],
    coupon: [],
    customer: [],
    subscription: [],
    paymentAccount: [],
    paymentSubscription: [],
    paymentTransaction: [],
    paymentEvent: [],
  };
  const catalogueAt = daysAgo(420);
  for (const plan of PLANS) {
    const productId = `prod_${plan.key}`;
    rows.product.push({
      id: productId,
      name: plan.name,
      description: `${plan.name} plan`,
      active: plan.active,
      image: `https://cdn.warden.demo/plans/${plan.key}.png`,
      provider: 'stripe',
      providerProductId: `prod_${rng.token(14)}`,
      metadata: { tier: plan.key, seats: plan.key === 'enterprise' ? 100 : 5 },
      createdAt: catalogueAt,
      updatedAt: catalogueAt,
    });
    for (const interval of ['month', 'year'] as const) {
      if (plan.monthly === 0 && interval === 'year') continue;
      rows.price.push({
        id: `price_${plan.key}_${interval}ly`,
        productId,
        providerPriceId: `price_${rng.token(14)}`,
        active: plan.active,
        description: `${plan.name} ${interval}ly`,
        unitAmount: interval === 'month' ? plan.monthly : plan.monthly * 10,
        currency: 'usd',
        type: 'recurring',
        interval,
        intervalCount: 1,
        trialPeriodDays: plan.key === 'pro' ? 14 : null,
        metadata: {},
        createdAt: catalogueAt,
        updatedAt: catalogueAt,
      });
    }
  }
  rows.price.push({
    id: 'price_onboarding_once',
    productId: 'prod_enterprise',
    providerPriceId: `price_${rng.token(14)}`,
    description: 'Onboarding package',
    unitAmount: 49900,
    currency: 'eur',
    type: 'one_time',
    createdAt: catalogueAt,
    updatedAt: catalogueAt,
  });
  FLAGS.forEach(([key, name], i) => {
    rows.featureFlag.push({
      id: `flag_${key}`,
      key,
      name,
      description: `Enables ${name.toLowerCase()}.`,
      enabled: i % 4 !== 3,
      rolloutPercentage: key === 'ai_assistant' ? 25 : null,
      metadata: { owner: rng.pick(['growth', 'platform', 'billing']) },
      createdAt: catalogueAt,
      updatedAt: catalogueAt,
    });
  });
  // Higher tiers unlock a superset of the lower ones.
  const unlocked: Record<string, number> = { free: 1, starter: 4, pro: 7, enterprise: 10, legacy: 3 };
  for (const plan of PLANS) {
    FLAGS.slice(0, unlocked[plan.key]).forEach(([key]) => {
      rows.productFeatureFlag.push({
        productId: `prod_${plan.key}`,
        featureFlagId: `flag_${key}`,
        enabled: true,
        value: key === 'api_access' ? { requestsPerDay: plan.monthly * 10 } : null,
        createdAt: catalogueAt,
      });
    });
  }
  const coupons = [
    { code: 'WELCOME10', type: 'percentage', percent: 10, duration: 'once' },
    { code: 'LAUNCH25', type: 'percentage', percent: 25, duration: 'repeating', months: 3 },
    { code: 'NONPROFIT50', type: 'percentage', percent: 50, duration: 'forever' },
    { code: 'SAVE5', type: 'amount', amount: 500, duration: 'once' },
    { code: 'PARTNER20', type: 'amount', amount: 2000, duration: 'repeating', months: 12 },
    { code: 'BLACKFRIDAY', type: 'percentage', percent: 40, duration: 'once', expired: true },
  ] as const;
  for (const c of coupons) {
    const expired = 'expired' in c;
    rows.coupon.push({
      id: `coupon_${c.code.toLowerCase()}`,
      provider: 'stripe',
      providerCouponId: rng.token(8),
      code: c.code,
      name: c.code,
      discountType: c.type,
      amountOff: c.type === 'amount' ? c.amount : null,
      percentOff: c.type === 'percentage' ? c.percent : null,
      currency: c.type === 'amount' ? 'usd' : null,
      duration: c.duration,
      durationInMonths: 'months' in c ? c.months : null,
      maxRedemptions: rng.bool(0.5) ? 500 : null,
      timesRedeemed: rng.int(0, 120),
      validFrom: daysAgo(expired ? 200 : 60),
      validUntil: expired ? daysAgo(180) : null,
      active: !expired,
      metadata: { campaign: c.code.toLowerCase() },
      createdAt: daysAgo(expired ? 200 : 60),
      updatedAt: daysAgo(expired ? 180 : 60),
    });
  }
  const paidPrices = rows.price.filter((p) => p.type === 'recurring' && p.active && (p.unitAmount ?? 0) > 0);
  for (const userId of people.regular) {
    if (!rng.bool(0.6)) continue;
    addCustomer(rng, rows, userId, rng.pick(paidPrices), primaryOrg.get(userId) ?? null);
  }
  return rows;
}

function addCustomer(rng: Rng, rows: BillingRows, userId: string, plan: BillingRows['price'][number], orgId: string | null): void {
  const since = daysAgo(rng.int(20, 360));
  const email = `billing+${userId.slice(0, 8).toLowerCase()}@example.com`;
  const customerId = rng.uuid();
  const providerCustomerId = `cus_${rng.token(14)}`;
  rows.customer.push({
    id: customerId,
    userId,
    provider: 'stripe',
    providerCustomerId,
    email,
    name: null,
    billingAddress: rng.bool(0.7)
      ? { line1: `${rng.int(1, 400)} Market St`, city: rng.pick(['Berlin', 'Austin', 'Lisbon', 'Osaka']), postal_code: String(rng.int(10000, 99999)), country: rng.pick(['DE', 'US', 'PT', 'JP']) }
      : null,
    metadata: { source: rng.pick(['checkout', 'sales']) },
    createdAt: since,
    updatedAt: since,
  });
  const status = rng.weighted([['active', 70], ['trialing', 8], ['past_due', 6], ['canceled', 12], ['unpaid', 2], ['paused', 2]] as const);
  const periodStart = daysAgo(rng.int(0, 29));
  const periodEnd = daysAfter(periodStart, plan.interval === 'year' ? 365 : 30);
  const providerSubscriptionId = `sub_${rng.token(14)}`;
  const canceledAt = status === 'canceled' ? daysAgo(rng.int(1, 15)) : null;
  rows.subscription.push({
    id: rng.uuid(),
    customerId,
    userId,
    organizationId: rng.bool(0.5) ? orgId : null,
    productId: plan.productId,
    priceId: plan.id,
    providerSubscriptionId,
    status,
    quantity: rng.int(1, 12),
    cancelAtPeriodEnd: status === 'active' && rng.bool(0.1),
    currentPeriodStart: periodStart,
    currentPeriodEnd: periodEnd,
    canceledAt,
    endedAt: canceledAt,
    trialStart: status === 'trialing' ? periodStart : null,
    trialEnd: status === 'trialing' ? daysAfter(periodStart, 14) : null,
    metadata: {},
    createdAt: since,
    updatedAt: periodStart,
  });
  const accountId = rng.uuid();
  rows.paymentAccount.push({
    id: accountId,
    userId,
    provider: 'stripe',
    providerCustomerId,
    email,
    defaultPaymentMethod: `pm_${rng.token(14)}`,
    metadata: {},
    createdAt: since,
    updatedAt: since,
  });
  const paymentSubscriptionId = rng.uuid();
  rows.paymentSubscription.push({
    id: paymentSubscriptionId,
    paymentAccountId: accountId,
    userId,
    provider: 'stripe',
    providerSubscriptionId,
    providerProductId: plan.productId,
    providerPriceId: plan.providerPriceId ?? null,
    status,
    quantity: 1,
    currentPeriodStart: periodStart,
    currentPeriodEnd: periodEnd,
    canceledAt,
    metadata: {},
    createdAt: since,
    updatedAt: periodStart,
  });
  const charges = rng.int(1, 6);
  for (let k = 0; k < charges; k++) {
    const when = daysAfter(since, k * 30 + rng.float());
    const failed = rng.bool(0.08);
    const refunded = !failed && rng.bool(0.05);
    const providerTransactionId = `ch_${rng.token(20)}`;
    rows.paymentTransaction.push({
      id: rng.uuid(),
      paymentAccountId: accountId,
      paymentSubscriptionId,
      userId,
      provider: 'stripe',
      providerTransactionId,
      type: refunded ? 'refund' : 'charge',
      status: failed ? 'failed' : refunded ? 'refunded' : 'succeeded',
      amount: plan.unitAmount ?? 100,
      currency: plan.currency ?? 'usd',
      description: `${plan.description} — invoice ${k + 1}`,
      receiptUrl: failed ? null : `https://pay.stripe.com/receipts/${rng.token(24)}`,
      invoiceUrl: `https://invoice.stripe.com/i/${rng.token(24)}`,
      metadata: { attempt: failed ? 2 : 1 },
      createdAt: when,
    });
    const type = failed ? 'charge.failed' : refunded ? 'charge.refunded' : 'charge.succeeded';
    const eventId = `evt_${rng.token(24)}`;
    rows.paymentEvent.push({
      id: rng.uuid(),
      provider: 'stripe',
      providerEventId: eventId,
      type,
      payload: { id: eventId, object: 'event', type, data: { object: { id: providerTransactionId, amount: plan.unitAmount ?? 100, customer: providerCustomerId } } },
      processed: !(failed && rng.bool(0.5)),
      processedAt: daysAfter(when, 0.001),
      error: failed && rng.bool(0.3) ? 'card_declined' : null,
      createdAt: when,
    });
  }
}
