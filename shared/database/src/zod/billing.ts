import { createInsertSchema, createSelectSchema, createUpdateSchema } from 'drizzle-zod';
import { coupon } from '../schema/coupons';
import { customer, subscription } from '../schema/customer';
import { paymentAccount, paymentEvent, paymentSubscription, paymentTransaction } from '../schema/payments';
import { price, product } from '../schema/products';
import { billingAddress, currency, email, httpUrl, jsonObject, webhookPayload, nonNegativeInt, percent, positiveInt } from './fields';

// Zod schemas of the products, customer, payments and coupons domains. Money is integer minor
// units: prices may be 0 (free plans), charges and fixed discounts must be positive.

const nonNegative = nonNegativeInt;
const positive = positiveInt;

const productRefine = { image: () => httpUrl, metadata: () => jsonObject };
export const insertProductSchema = createInsertSchema(product, productRefine);
export const selectProductSchema = createSelectSchema(product, productRefine);
export const updateProductSchema = createUpdateSchema(product, productRefine);

const priceRefine = {
  unitAmount: nonNegative,
  currency: () => currency,
  intervalCount: positive,
  trialPeriodDays: nonNegative,
  metadata: () => jsonObject,
};
export const insertPriceSchema = createInsertSchema(price, priceRefine);
export const selectPriceSchema = createSelectSchema(price, priceRefine);
export const updatePriceSchema = createUpdateSchema(price, priceRefine);

const customerRefine = { email: () => email, billingAddress: () => billingAddress, metadata: () => jsonObject };
export const insertCustomerSchema = createInsertSchema(customer, customerRefine);
export const selectCustomerSchema = createSelectSchema(customer, customerRefine);
export const updateCustomerSchema = createUpdateSchema(customer, customerRefine);

const subscriptionRefine = { quantity: positive, metadata: () => jsonObject };
export const insertSubscriptionSchema = createInsertSchema(subscription, subscriptionRefine);
export const selectSubscriptionSchema = createSelectSchema(subscription, subscriptionRefine);
export const updateSubscriptionSchema = createUpdateSchema(subscription, subscriptionRefine);

const paymentAccountRefine = { email: () => email, metadata: () => jsonObject };
export const insertPaymentAccountSchema = createInsertSchema(paymentAccount, paymentAccountRefine);
export const selectPaymentAccountSchema = createSelectSchema(paymentAccount, paymentAccountRefine);
export const updatePaymentAccountSchema = createUpdateSchema(paymentAccount, paymentAccountRefine);

const paymentSubscriptionRefine = { quantity: positive, metadata: () => jsonObject };
export const insertPaymentSubscriptionSchema = createInsertSchema(paymentSubscription, paymentSubscriptionRefine);
export const selectPaymentSubscriptionSchema = createSelectSchema(paymentSubscription, paymentSubscriptionRefine);
export const updatePaymentSubscriptionSchema = createUpdateSchema(paymentSubscription, paymentSubscriptionRefine);

const paymentTransactionRefine = {
  amount: positive,
  currency: () => currency,
  receiptUrl: () => httpUrl,
  invoiceUrl: () => httpUrl,
  metadata: () => jsonObject,
};
export const insertPaymentTransactionSchema = createInsertSchema(paymentTransaction, paymentTransactionRefine);
export const selectPaymentTransactionSchema = createSelectSchema(paymentTransaction, paymentTransactionRefine);
export const updatePaymentTransactionSchema = createUpdateSchema(paymentTransaction, paymentTransactionRefine);

const paymentEventRefine = { payload: () => webhookPayload };
export const insertPaymentEventSchema = createInsertSchema(paymentEvent, paymentEventRefine);
export const selectPaymentEventSchema = createSelectSchema(paymentEvent, paymentEventRefine);
export const updatePaymentEventSchema = createUpdateSchema(paymentEvent, paymentEventRefine);

const couponRefine = {
  amountOff: positive,
  percentOff: percent,
  currency: () => currency,
  durationInMonths: positive,
  maxRedemptions: positive,
  timesRedeemed: nonNegative,
  metadata: () => jsonObject,
};
export const insertCouponSchema = createInsertSchema(coupon, couponRefine);
export const selectCouponSchema = createSelectSchema(coupon, couponRefine);
export const updateCouponSchema = createUpdateSchema(coupon, couponRefine);
