import { createInsertSchema, createSelectSchema, createUpdateSchema } from 'drizzle-zod';
import { z } from 'zod';
import {
  blogAnalytics,
  blogAsset,
  blogCategory,
  blogComment,
  blogPost,
  blogPostAudit,
  blogPostCategory,
  blogPostTag,
  blogSubscriber,
  blogTag,
} from '../schema/blog';
import { featureFlag, productFeatureFlag } from '../schema/feature_flags';
import { offlineSync } from '../schema/mobile_app';
import { deviceToken, notificationPreference, pushNotification } from '../schema/notifications';
import { message, ticket } from '../schema/support';
import { waitlistEntry } from '../schema/waitlist';
import { attachments, auditChanges, email, httpUrl, jsonObject, referrers, slug, intBetween, nonNegativeInt, nonEmpty, positiveInt, snakeKey } from './fields';

// Zod schemas of the blog, support, notifications, mobile_app, feature_flags and waitlist domains.

const nonNegative = nonNegativeInt;
const positive = positiveInt;

const blogPostRefine = { slug: () => slug, coverImage: () => httpUrl, readingTime: positive, viewCount: nonNegative };
export const insertBlogPostSchema = createInsertSchema(blogPost, blogPostRefine);
export const selectBlogPostSchema = createSelectSchema(blogPost, blogPostRefine);
export const updateBlogPostSchema = createUpdateSchema(blogPost, blogPostRefine);

const blogCategoryRefine = { slug: () => slug };
export const insertBlogCategorySchema = createInsertSchema(blogCategory, blogCategoryRefine);
export const selectBlogCategorySchema = createSelectSchema(blogCategory, blogCategoryRefine);
export const updateBlogCategorySchema = createUpdateSchema(blogCategory, blogCategoryRefine);

const blogTagRefine = { slug: () => slug };
export const insertBlogTagSchema = createInsertSchema(blogTag, blogTagRefine);
export const selectBlogTagSchema = createSelectSchema(blogTag, blogTagRefine);
export const updateBlogTagSchema = createUpdateSchema(blogTag, blogTagRefine);

export const insertBlogPostCategorySchema = createInsertSchema(blogPostCategory);
export const selectBlogPostCategorySchema = createSelectSchema(blogPostCategory);
export const updateBlogPostCategorySchema = createUpdateSchema(blogPostCategory);

export const insertBlogPostTagSchema = createInsertSchema(blogPostTag);
export const selectBlogPostTagSchema = createSelectSchema(blogPostTag);
export const updateBlogPostTagSchema = createUpdateSchema(blogPostTag);

const blogCommentRefine = { content: nonEmpty };
export const insertBlogCommentSchema = createInsertSchema(blogComment, blogCommentRefine);
export const selectBlogCommentSchema = createSelectSchema(blogComment, blogCommentRefine);
export const updateBlogCommentSchema = createUpdateSchema(blogComment, blogCommentRefine);

const blogAssetRefine = { url: () => httpUrl, sizeBytes: nonNegative, width: positive, height: positive };
export const insertBlogAssetSchema = createInsertSchema(blogAsset, blogAssetRefine);
export const selectBlogAssetSchema = createSelectSchema(blogAsset, blogAssetRefine);
export const updateBlogAssetSchema = createUpdateSchema(blogAsset, blogAssetRefine);

const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const blogAnalyticsRefine = {
  date: () => isoDate,
  views: nonNegative,
  uniqueVisitors: nonNegative,
  avgReadTimeSeconds: nonNegative,
  referrers: () => referrers,
};
export const insertBlogAnalyticsSchema = createInsertSchema(blogAnalytics, blogAnalyticsRefine);
export const selectBlogAnalyticsSchema = createSelectSchema(blogAnalytics, blogAnalyticsRefine);
export const updateBlogAnalyticsSchema = createUpdateSchema(blogAnalytics, blogAnalyticsRefine);

const blogSubscriberRefine = { email: () => email };
export const insertBlogSubscriberSchema = createInsertSchema(blogSubscriber, blogSubscriberRefine);
export const selectBlogSubscriberSchema = createSelectSchema(blogSubscriber, blogSubscriberRefine);
export const updateBlogSubscriberSchema = createUpdateSchema(blogSubscriber, blogSubscriberRefine);

const blogPostAuditRefine = { changes: () => auditChanges };
export const insertBlogPostAuditSchema = createInsertSchema(blogPostAudit, blogPostAuditRefine);
export const selectBlogPostAuditSchema = createSelectSchema(blogPostAudit, blogPostAuditRefine);
export const updateBlogPostAuditSchema = createUpdateSchema(blogPostAudit, blogPostAuditRefine);

const ticketRefine = { subject: nonEmpty };
export const insertTicketSchema = createInsertSchema(ticket, ticketRefine);
export const selectTicketSchema = createSelectSchema(ticket, ticketRefine);
export const updateTicketSchema = createUpdateSchema(ticket, ticketRefine);

const messageRefine = { content: nonEmpty, attachments: () => attachments };
export const insertMessageSchema = createInsertSchema(message, messageRefine);
export const selectMessageSchema = createSelectSchema(message, messageRefine);
export const updateMessageSchema = createUpdateSchema(message, messageRefine);

const pushNotificationRefine = { data: () => jsonObject };
export const insertPushNotificationSchema = createInsertSchema(pushNotification, pushNotificationRefine);
export const selectPushNotificationSchema = createSelectSchema(pushNotification, pushNotificationRefine);
export const updatePushNotificationSchema = createUpdateSchema(pushNotification, pushNotificationRefine);

export const insertDeviceTokenSchema = createInsertSchema(deviceToken);
export const selectDeviceTokenSchema = createSelectSchema(deviceToken);
export const updateDeviceTokenSchema = createUpdateSchema(deviceToken);

const notificationPreferenceRefine = { type: nonEmpty };
export const insertNotificationPreferenceSchema = createInsertSchema(notificationPreference, notificationPreferenceRefine);
export const selectNotificationPreferenceSchema = createSelectSchema(notificationPreference, notificationPreferenceRefine);
export const updateNotificationPreferenceSchema = createUpdateSchema(notificationPreference, notificationPreferenceRefine);

const offlineSyncRefine = { payload: () => jsonObject, retryCount: nonNegative };
export const insertOfflineSyncSchema = createInsertSchema(offlineSync, offlineSyncRefine);
export const selectOfflineSyncSchema = createSelectSchema(offlineSync, offlineSyncRefine);
export const updateOfflineSyncSchema = createUpdateSchema(offlineSync, offlineSyncRefine);

const featureFlagRefine = {
  key: snakeKey,
  rolloutPercentage: intBetween(0, 100),
  metadata: () => jsonObject,
};
export const insertFeatureFlagSchema = createInsertSchema(featureFlag, featureFlagRefine);
export const selectFeatureFlagSchema = createSelectSchema(featureFlag, featureFlagRefine);
export const updateFeatureFlagSchema = createUpdateSchema(featureFlag, featureFlagRefine);

export const insertProductFeatureFlagSchema = createInsertSchema(productFeatureFlag);
export const selectProductFeatureFlagSchema = createSelectSchema(productFeatureFlag);
export const updateProductFeatureFlagSchema = createUpdateSchema(productFeatureFlag);

const waitlistEntryRefine = { email: () => email, referralCount: nonNegative, metadata: () => jsonObject };
export const insertWaitlistEntrySchema = createInsertSchema(waitlistEntry, waitlistEntryRefine);
export const selectWaitlistEntrySchema = createSelectSchema(waitlistEntry, waitlistEntryRefine);
export const updateWaitlistEntrySchema = createUpdateSchema(waitlistEntry, waitlistEntryRefine);
