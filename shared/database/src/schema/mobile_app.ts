import { relations } from 'drizzle-orm';
import { index, integer, jsonb, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { syncOperationEnum, syncStatusEnum } from './enums';
import { always, isOwner } from './policy-sql';
import { adminRole, authenticatedRole } from './roles';
import { user } from './user';

// Changes queued on a mobile device while offline, replayed when it reconnects (docs/schema.md §3.11).

export const offlineSync = pgTable(
  'offline_sync',
  {
    id: appId(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    deviceId: text('device_id').notNull(),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    operation: syncOperationEnum('operation').notNull(),
    payload: jsonb('payload').notNull(),
    status: syncStatusEnum('status').notNull().default('pending'),
    /** When the change happened on the device. */
    clientTimestamp: timestamp('client_timestamp').notNull(),
    syncedAt: timestamp('synced_at'),
    retryCount: integer('retry_count').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('offline_sync_user_id_status_idx').on(t.userId, t.status),
    index('offline_sync_device_id_idx').on(t.deviceId),
    pgPolicy('offline_syncs_manage_own_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOwner(t.userId),
      withCheck: isOwner(t.userId),
    }),
    pgPolicy('offline_syncs_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const offlineSyncsRelations = relations(offlineSync, ({ one }) => ({
  user: one(user, { fields: [offlineSync.userId], references: [user.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type OfflineSync = typeof offlineSync.$inferSelect;
export type NewOfflineSync = typeof offlineSync.$inferInsert;
