import { pgEnum } from 'drizzle-orm/pg-core';

// All enums live in this leaf module (no imports from the domain files): several domains share
// `payment_provider` / `subscription_status`, and the domain modules import each other for
// foreign keys, so an enum defined in one of them could be read before it is initialised.
// Values follow docs/schema.md §4.

export const paymentProviderEnum = pgEnum('payment_provider', ['stripe', 'polar']);
export const priceTypeEnum = pgEnum('price_type', ['one_time', 'recurring']);
export const priceIntervalEnum = pgEnum('price_interval', ['day', 'week', 'month', 'year']);
export const subscriptionStatusEnum = pgEnum('subscription_status', [
  'trialing',
  'active',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'unpaid',
  'paused',
]);
export const transactionTypeEnum = pgEnum('transaction_type', ['charge', 'refund', 'invoice', 'payment']);
export const transactionStatusEnum = pgEnum('transaction_status', ['pending', 'succeeded', 'failed', 'refunded', 'canceled']);
export const discountTypeEnum = pgEnum('discount_type', ['amount', 'percentage']);
export const couponDurationEnum = pgEnum('coupon_duration', ['once', 'repeating', 'forever']);
export const blogPostStatusEnum = pgEnum('blog_post_status', ['draft', 'published', 'scheduled', 'archived']);
export const commentStatusEnum = pgEnum('comment_status', ['pending', 'approved', 'rejected', 'spam']);
export const subscriberStatusEnum = pgEnum('subscriber_status', ['pending', 'active', 'unsubscribed']);
export const auditActionEnum = pgEnum('audit_action', ['create', 'update', 'publish', 'unpublish', 'delete']);
export const ticketStatusEnum = pgEnum('ticket_status', ['open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed']);
export const ticketPriorityEnum = pgEnum('ticket_priority', ['low', 'medium', 'high', 'urgent']);
export const notificationStatusEnum = pgEnum('notification_status', ['pending', 'sent', 'delivered', 'failed', 'read']);
export const devicePlatformEnum = pgEnum('device_platform', ['ios', 'android', 'web']);
export const syncOperationEnum = pgEnum('sync_operation', ['create', 'update', 'delete']);
export const syncStatusEnum = pgEnum('sync_status', ['pending', 'processing', 'synced', 'failed', 'conflict']);
export const waitlistStatusEnum = pgEnum('waitlist_status', ['pending', 'invited', 'joined', 'rejected']);
export const usagePeriodEnum = pgEnum('usage_period', ['minute', 'hour', 'day', 'week', 'month', 'year']);

// Value types of the enums (`SubscriptionStatus` = 'trialing' | 'active' | ...).
export type PaymentProvider = (typeof paymentProviderEnum.enumValues)[number];
export type PriceType = (typeof priceTypeEnum.enumValues)[number];
export type PriceInterval = (typeof priceIntervalEnum.enumValues)[number];
export type SubscriptionStatus = (typeof subscriptionStatusEnum.enumValues)[number];
export type TransactionType = (typeof transactionTypeEnum.enumValues)[number];
export type TransactionStatus = (typeof transactionStatusEnum.enumValues)[number];
export type DiscountType = (typeof discountTypeEnum.enumValues)[number];
export type CouponDuration = (typeof couponDurationEnum.enumValues)[number];
export type BlogPostStatus = (typeof blogPostStatusEnum.enumValues)[number];
export type CommentStatus = (typeof commentStatusEnum.enumValues)[number];
export type SubscriberStatus = (typeof subscriberStatusEnum.enumValues)[number];
export type AuditAction = (typeof auditActionEnum.enumValues)[number];
export type TicketStatus = (typeof ticketStatusEnum.enumValues)[number];
export type TicketPriority = (typeof ticketPriorityEnum.enumValues)[number];
export type NotificationStatus = (typeof notificationStatusEnum.enumValues)[number];
export type DevicePlatform = (typeof devicePlatformEnum.enumValues)[number];
export type SyncOperation = (typeof syncOperationEnum.enumValues)[number];
export type SyncStatus = (typeof syncStatusEnum.enumValues)[number];
export type WaitlistStatus = (typeof waitlistStatusEnum.enumValues)[number];
export type UsagePeriod = (typeof usagePeriodEnum.enumValues)[number];
