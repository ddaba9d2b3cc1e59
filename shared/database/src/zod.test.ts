import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allTables } from './domains';
import {
  insertBlogAnalyticsSchema,
  insertBlogPostSchema,
  insertCouponSchema,
  insertCustomerSchema,
  insertFeatureFlagSchema,
  insertPaymentTransactionSchema,
  insertPriceSchema,
  insertUserSchema,
  tableZod,
  updateUserSchema,
} from './zod';

// ZOD-01: schemas exist for every table and the refinements reject what the column type alone
// would accept, naming the field (the record editor puts the message next to that input).

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((i) => i.path.join('.'));

const validUser = { name: 'Ada', email: 'ada@example.com' };
const validPrice = { productId: 'prod_pro', currency: 'usd', unitAmount: 900 };
const validTransaction = { paymentAccountId: 'pa', userId: 'u', provider: 'stripe', providerTransactionId: 'ch_1', amount: 900, currency: 'usd' } as const;

describe('ZOD-01: every table has insert / select / update schemas with refinements', () => {
  it('ZOD-01: tableZod covers all 40 tables with three schemas each', () => {
    expect(Object.keys(tableZod).sort()).toEqual(allTables.map((t) => t.name).sort());
    for (const [name, z] of Object.entries(tableZod)) {
      for (const kind of ['insert', 'select', 'update'] as const) expect(typeof z[kind].safeParse, `${name}.${kind}`).toBe('function');
    }
    expect(tableZod.user?.insert).toBe(insertUserSchema);
  });

  it('ZOD-01: valid inputs pass', () => {
    expect(insertUserSchema.safeParse(validUser).success).toBe(true);
    expect(insertPriceSchema.safeParse(validPrice).success).toBe(true);
    expect(insertPaymentTransactionSchema.safeParse(validTransaction).success).toBe(true);
    expect(insertCouponSchema.safeParse({ discountType: 'percentage', percentOff: 100 }).success).toBe(true);
    expect(updateUserSchema.safeParse({ image: null }).success).toBe(true);
  });

  it('ZOD-01: a bad email is rejected at the email field', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)),
        (email) => {
          expect(pathsOf(insertUserSchema.safeParse({ ...validUser, email }))).toContain('email');
          expect(pathsOf(insertCustomerSchema.safeParse({ userId: 'u', providerCustomerId: 'cus_1', email }))).toContain('email');
        },
      ),
      { seed: 4242, numRuns: 200 },
    );
  });

  it('ZOD-01: negative amounts are rejected at the amount field', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_147_483_648, max: -1 }), (amount) => {
        expect(pathsOf(insertPaymentTransactionSchema.safeParse({ ...validTransaction, amount }))).toEqual(['amount']);
        expect(pathsOf(insertPriceSchema.safeParse({ ...validPrice, unitAmount: amount }))).toEqual(['unitAmount']);
      }),
      { seed: 4242, numRuns: 200 },
    );
    expect(pathsOf(insertPaymentTransactionSchema.safeParse({ ...validTransaction, amount: 0 }))).toEqual(['amount']);
  });

  it('ZOD-01: percentages outside 0-100 (e.g. 150) are rejected at their field', () => {
    expect(pathsOf(insertCouponSchema.safeParse({ discountType: 'percentage', percentOff: 150 }))).toEqual(['percentOff']);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 101, max: 100_000 }), fc.integer({ min: -100_000, max: -1 })), (p) => {
        expect(pathsOf(insertCouponSchema.safeParse({ discountType: 'percentage', percentOff: p }))).toEqual(['percentOff']);
        expect(pathsOf(insertFeatureFlagSchema.safeParse({ key: 'beta', name: 'Beta', rolloutPercentage: p }))).toEqual(['rolloutPercentage']);
      }),
      { seed: 4242, numRuns: 200 },
    );
  });

  it('ZOD-01: currencies that are not 3 lowercase letters are rejected at the currency field', () => {
    for (const currency of ['USD', 'us', 'usdx', '€', '', '12a']) {
      expect(pathsOf(insertPriceSchema.safeParse({ ...validPrice, currency })), currency).toEqual(['currency']);
    }
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^[a-z]{3}$/.test(s)),
        (currency) => {
          expect(pathsOf(insertPaymentTransactionSchema.safeParse({ ...validTransaction, currency }))).toEqual(['currency']);
        },
      ),
      { seed: 4242, numRuns: 200 },
    );
  });

  it('ZOD-01: URLs, slugs and JSON shapes are checked', () => {
    expect(pathsOf(insertUserSchema.safeParse({ ...validUser, image: 'javascript:alert(1)' }))).toEqual(['image']);
    expect(pathsOf(insertBlogPostSchema.safeParse({ title: 'T', slug: 'Not A Slug', content: 'c' }))).toEqual(['slug']);
    expect(pathsOf(insertCustomerSchema.safeParse({ userId: 'u', providerCustomerId: 'c', billingAddress: { line1: 'x', city: 'y', postal_code: '1', country: 'germany' } }))).toEqual([
      'billingAddress.country',
    ]);
    expect(pathsOf(insertBlogAnalyticsSchema.safeParse({ postId: 'p', date: '2025-13-40', referrers: { direct: -1 } })).sort()).toEqual(['date', 'referrers.direct']);
  });
});
