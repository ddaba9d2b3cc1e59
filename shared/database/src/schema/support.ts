import { type SQL, relations, sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, index, jsonb, pgPolicy, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { ticketPriorityEnum, ticketStatusEnum } from './enums';
import { organization } from './organizations';
import { always, authUid, isOwner } from './policy-sql';
import { adminRole, authenticatedRole, supportRole } from './roles';
import { user } from './user';

// Support tickets and their messages (docs/schema.md §3.9). Agents (support) read and update every
// ticket; internal notes (`is_internal`) are never shown to the ticket's creator.

export const ticket = pgTable(
  'ticket',
  {
    id: appId(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id').references(() => organization.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    description: text('description'),
    status: ticketStatusEnum('status').notNull().default('open'),
    priority: ticketPriorityEnum('priority').notNull().default('medium'),
    category: text('category'),
    assignedToId: text('assigned_to_id').references(() => user.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at'),
    closedAt: timestamp('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('ticket_user_id_idx').on(t.userId),
    index('ticket_assigned_to_id_idx').on(t.assignedToId),
    index('ticket_status_idx').on(t.status),
    pgPolicy('tickets_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('tickets_insert_own_policy', { as: 'permissive', for: 'insert', to: authenticatedRole, withCheck: isOwner(t.userId) }),
    // Column grants keep the creator to subject/description/status/category/closed_at.
    pgPolicy('tickets_update_own_policy', {
      as: 'permissive',
      for: 'update',
      to: authenticatedRole,
      using: isOwner(t.userId),
      withCheck: isOwner(t.userId),
    }),
    pgPolicy('tickets_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
    pgPolicy('tickets_update_support_policy', { as: 'permissive', for: 'update', to: supportRole, using: always, withCheck: always }),
    pgPolicy('tickets_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

/** The message belongs to a ticket the caller created. */
const onOwnTicket = (ticketColumn: AnyPgColumn): SQL =>
  sql`exists (select 1 from ${ticket} where ${ticket.id} = ${ticketColumn} and ${ticket.userId} = ${authUid})`;

export const message = pgTable(
  'message',
  {
    id: appId(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => ticket.id, { onDelete: 'cascade' }),
    /** The sender. */
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    content: text('content').notNull(),
    /** Agent-only note. */
    isInternal: boolean('is_internal').notNull().default(false),
    attachments: jsonb('attachments'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('message_ticket_id_created_at_idx').on(t.ticketId, t.createdAt),
    pgPolicy('messages_view_own_ticket_policy', {
      as: 'permissive',
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.isInternal} = false and ${onOwnTicket(t.ticketId)}`,
    }),
    pgPolicy('messages_insert_own_ticket_policy', {
      as: 'permissive',
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.userId} = ${authUid} and ${t.isInternal} = false and ${onOwnTicket(t.ticketId)}`,
    }),
    pgPolicy('messages_view_support_policy', { as: 'permissive', for: 'select', to: supportRole, using: always }),
    pgPolicy('messages_insert_support_policy', { as: 'permissive', for: 'insert', to: supportRole, withCheck: always }),
    pgPolicy('messages_admin_policy', { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always }),
  ],
);

export const ticketsRelations = relations(ticket, ({ one, many }) => ({
  user: one(user, { fields: [ticket.userId], references: [user.id], relationName: 'ticket_creator' }),
  assignedTo: one(user, { fields: [ticket.assignedToId], references: [user.id], relationName: 'ticket_assignee' }),
  organization: one(organization, { fields: [ticket.organizationId], references: [organization.id] }),
  messages: many(message),
}));

export const messagesRelations = relations(message, ({ one }) => ({
  ticket: one(ticket, { fields: [message.ticketId], references: [ticket.id] }),
  user: one(user, { fields: [message.userId], references: [user.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type Ticket = typeof ticket.$inferSelect;
export type NewTicket = typeof ticket.$inferInsert;
export type Message = typeof message.$inferSelect;
export type NewMessage = typeof message.$inferInsert;
