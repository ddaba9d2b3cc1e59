import { relations } from 'drizzle-orm';
import { type AnyPgColumn, integer, jsonb, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { waitlistStatusEnum } from './enums';
import { always, isOwner } from './policy-sql';
import { adminRole, authenticatedRole } from './roles';
import { user } from './user';

// Waitlist with referrals (docs/schema.md §3.13). Anonymous sign-ups go through the privileged db:
// rlsDb cannot act as anon.

export const waitlistEntry = pgTable(
  'waitlist_entry',
  {
    id: appId(),
    email: text('email').notNull().unique(),
    name: text('name'),
    status: waitlistStatusEnum('status').notNull().default('pending'),
    referralCode: text('referral_code').unique(),
    referredBy: text('referred_by').references((): AnyPgColumn => waitlistEntry.id, { onDelete: 'set null' }),
    referralCount: integer('referral_count').notNull().default(0),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    invitedAt: timestamp('invited_at'),
    joinedAt: timestamp('joined_at'),
    source: text('source'),
    metadata: jsonb('metadata'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    pgPolicy('waitlist_entries_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('waitlist_entries_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const waitlistEntriesRelations = relations(waitlistEntry, ({ one, many }) => ({
  referrer: one(waitlistEntry, { fields: [waitlistEntry.referredBy], references: [waitlistEntry.id], relationName: 'referral' }),
  referrals: many(waitlistEntry, { relationName: 'referral' }),
  user: one(user, { fields: [waitlistEntry.userId], references: [user.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type WaitlistEntry = typeof waitlistEntry.$inferSelect;
export type NewWaitlistEntry = typeof waitlistEntry.$inferInsert;
