import { adminAll, always, either, flag, orgMember, own, readOnly } from '../rules';
import { pick, pickPreferring } from '../pick';
import type { TableOracle } from '../types';

// docs/schema.md §3.4 products.ts, §3.5 customer.ts, §3.6 payments.ts, §3.7 coupons.ts and their §6
// rows. Billing writes happen on the privileged db (webhooks): users and support only read.

const active = flag('active', true);

export const billingDomain: TableOracle[] = [
  {
    table: 'product',
    key: ['id'],
    cite: '§3.4 product RLS: products_view_public_policy (SELECT TO anon, authenticated, active = true), products_admin_policy; §6: support SELECT',
    access: { anon: readOnly(active), authenticated: readOnly(active), support: readOnly(always), admin: adminAll },
    touch: 'description',
    newRow: (c) => ({ id: c.fresh('prod'), name: 'Oracle Plan' }),
  },
  {
    table: 'price',
    key: ['id'],
    cite: '§3.4 price RLS: "same pattern as product"; §6: anon/authenticated SELECT active, support SELECT',
    access: { anon: readOnly(active), authenticated: readOnly(active), support: readOnly(always), admin: adminAll },
    touch: 'description',
    newRow: (c) => ({ id: c.fresh('price'), product_id: 'prod_free' }),
  },
  {
    table: 'customer',
    key: ['id'],
    cite: '§3.5 customer RLS: customers_view_own_policy (SELECT own), customers_view_support_policy, customers_admin_policy',
    access: { authenticated: readOnly(own('user_id')), support: readOnly(always), admin: adminAll },
    touch: 'name',
    // customer.user_id is UNIQUE: a user who already has one gets the admin's id (who has none),
    // so an allowed insert is never refused by the constraint. Only admin may insert anyway.
    newRow: (c) => ({
      id: c.fresh('cus'),
      user_id: c.world.rows('customer').some((r) => r.user_id === c.owner.id) ? pick(c.world, 'user', (u) => u.email === 'ada.admin@warden.demo').id : c.owner.id,
      provider_customer_id: c.fresh('cus_p'),
    }),
  },
  {
    table: 'subscription',
    key: ['id'],
    cite: '§3.5 subscription RLS: subscriptions_view_own_policy (own or member of organization_id), subscriptions_view_support_policy, subscriptions_admin_policy',
    access: { authenticated: readOnly(either(own('user_id'), orgMember('organization_id'))), support: readOnly(always), admin: adminAll },
    touch: 'metadata',
    newRow: (c) => ({
      id: c.fresh('sub'),
      customer_id: pickPreferring(c.world, 'customer', (r) => r.user_id === c.owner.id).id,
      user_id: c.owner.id,
      provider_subscription_id: c.fresh('sub_p'),
    }),
  },
  {
    table: 'payment_account',
    key: ['id'],
    cite: '§3.6 payment_account RLS: "SELECT own (authenticated); ALL TO admin"; §6: support SELECT "(not payment_account)"',
    access: { authenticated: readOnly(own('user_id')), admin: adminAll },
    touch: 'email',
    // provider polar: the seed's accounts are all stripe, and (user_id, provider) is unique.
    newRow: (c) => ({ id: c.fresh('pa'), user_id: c.owner.id, provider: 'polar', provider_customer_id: c.fresh('cus_p') }),
  },
  {
    table: 'payment_subscription',
    key: ['id'],
    cite: '§3.6 payment_subscription RLS: SELECT own; SELECT TO support; ALL TO admin',
    access: { authenticated: readOnly(own('user_id')), support: readOnly(always), admin: adminAll },
    touch: 'metadata',
    newRow: (c) => ({
      id: c.fresh('ps'),
      payment_account_id: pickPreferring(c.world, 'payment_account', (r) => r.user_id === c.owner.id).id,
      user_id: c.owner.id,
      provider: 'stripe',
      provider_subscription_id: c.fresh('sub_p'),
      status: 'active',
    }),
  },
  {
    table: 'payment_transaction',
    key: ['id'],
    cite: '§3.6 payment_transaction RLS: SELECT own; SELECT TO support; ALL TO admin',
    access: { authenticated: readOnly(own('user_id')), support: readOnly(always), admin: adminAll },
    touch: 'description',
    newRow: (c) => ({
      id: c.fresh('pt'),
      payment_account_id: pickPreferring(c.world, 'payment_account', (r) => r.user_id === c.owner.id).id,
      user_id: c.owner.id,
      provider: 'stripe',
      provider_transaction_id: c.fresh('ch'),
      amount: 100,
    }),
  },
  {
    table: 'payment_event',
    key: ['id'],
    cite: '§3.6 payment_event RLS: payment_events_admin_view_policy, SELECT TO admin only; "no UPDATE/DELETE policy for anyone ... the privileged db inserts"',
    access: { admin: readOnly(always) },
    touch: 'error',
    newRow: (c) => ({ id: c.fresh('evt'), provider: 'stripe', provider_event_id: c.fresh('evt_p'), type: 'oracle.probe', payload: '{}' }),
  },
  {
    table: 'coupon',
    key: ['id'],
    cite: '§3.7 coupon RLS: coupons_admin_policy (ALL TO admin) + the optional "SELECT TO authenticated for active coupons" (§6 "(optional SELECT active)"), which Warden takes',
    access: { authenticated: readOnly(active), admin: adminAll },
    touch: 'name',
    newRow: (c) => ({ id: c.fresh('coupon'), discount_type: 'percentage', percent_off: 10 }),
  },
];
