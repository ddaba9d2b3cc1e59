import { relations } from 'drizzle-orm';
import { boolean, index, jsonb, pgPolicy, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { devicePlatformEnum, notificationStatusEnum } from './enums';
import { always, isOwner } from './policy-sql';
import { adminRole, authenticatedRole } from './roles';
import { user } from './user';

// Push notifications, device tokens and per-category preferences (docs/schema.md §3.10).

export const deviceToken = pgTable(
  'device_token',
  {
    id: appId(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** Expo, FCM or APNs token. */
    token: text('token').notNull().unique(),
    platform: devicePlatformEnum('platform').notNull(),
    deviceId: text('device_id'),
    deviceName: text('device_name'),
    appVersion: text('app_version'),
    isActive: boolean('is_active').notNull().default(true),
    lastUsedAt: timestamp('last_used_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('device_token_user_id_idx').on(t.userId),
    pgPolicy('device_tokens_manage_own_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOwner(t.userId),
      withCheck: isOwner(t.userId),
    }),
    pgPolicy('device_tokens_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const pushNotification = pgTable(
  'push_notification',
  {
    id: appId(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    deviceTokenId: text('device_token_id').references(() => deviceToken.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Deep-link payload. */
    data: jsonb('data'),
    /** Category, matching notification_preference.type. */
    type: text('type'),
    status: notificationStatusEnum('status').notNull().default('pending'),
    sentAt: timestamp('sent_at'),
    readAt: timestamp('read_at'),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('push_notification_user_id_created_at_idx').on(t.userId, t.createdAt),
    pgPolicy('push_notifications_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('push_notifications_update_own_policy', {
      as: 'permissive',
      for: 'update',
      to: authenticatedRole,
      using: isOwner(t.userId),
      withCheck: isOwner(t.userId),
    }),
    pgPolicy('push_notifications_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const notificationPreference = pgTable(
  'notification_preference',
  {
    id: appId(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    /** marketing / security / billing / support ... */
    type: text('type').notNull(),
    emailEnabled: boolean('email_enabled').notNull().default(true),
    pushEnabled: boolean('push_enabled').notNull().default(true),
    inAppEnabled: boolean('in_app_enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('notification_preference_user_id_type_unique').on(t.userId, t.type),
    pgPolicy('notification_preferences_manage_own_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOwner(t.userId),
      withCheck: isOwner(t.userId),
    }),
    pgPolicy('notification_preferences_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const deviceTokensRelations = relations(deviceToken, ({ one, many }) => ({
  user: one(user, { fields: [deviceToken.userId], references: [user.id] }),
  pushNotifications: many(pushNotification),
}));

export const pushNotificationsRelations = relations(pushNotification, ({ one }) => ({
  user: one(user, { fields: [pushNotification.userId], references: [user.id] }),
  deviceToken: one(deviceToken, { fields: [pushNotification.deviceTokenId], references: [deviceToken.id] }),
}));

export const notificationPreferencesRelations = relations(notificationPreference, ({ one }) => ({
  user: one(user, { fields: [notificationPreference.userId], references: [user.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type DeviceToken = typeof deviceToken.$inferSelect;
export type NewDeviceToken = typeof deviceToken.$inferInsert;
export type PushNotification = typeof pushNotification.$inferSelect;
export type NewPushNotification = typeof pushNotification.$inferInsert;
export type NotificationPreference = typeof notificationPreference.$inferSelect;
export type NewNotificationPreference = typeof notificationPreference.$inferInsert;
