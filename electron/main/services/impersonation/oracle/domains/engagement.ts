import { adminAll, always, both, flag, manage, own, parent, readOnly } from '../rules';
import { PROBE_TIME, pickPreferring } from '../pick';
import type { TableOracle } from '../types';

// docs/schema.md §3.9 support.ts, §3.10 notifications.ts, §3.11 mobile_app.ts, §3.12 feature_flags.ts,
// §3.13 waitlist.ts and their §6 rows.

/** "the parent ticket belongs to auth.uid()". */
const ownTicket = parent('ticket_id', 'ticket', own('user_id'));

export const engagementDomain: TableOracle[] = [
  {
    table: 'ticket',
    key: ['id'],
    // Column grant: Warden's decision (shared/db/grants.ts) that a creator may not reassign or
    // re-prioritise: the spec's "own rows (e.g. close)" needs subject/description/status only.
    cite: '§3.9 ticket RLS: tickets_view_own_policy, tickets_insert_own_policy (WITH CHECK user_id = auth.uid()), tickets_update_own_policy (own rows), tickets_support_policy (SELECT and UPDATE TO support, true, no DELETE), tickets_admin_policy',
    access: {
      authenticated: { select: own('user_id'), insert: own('user_id'), update: own('user_id'), updateColumns: ['subject', 'description', 'status', 'category', 'closed_at'] },
      support: { select: always, update: always },
      admin: adminAll,
    },
    touch: 'subject',
    newRow: (c) => ({ id: c.fresh('tkt'), user_id: c.owner.id, organization_id: c.owner.homeOrg, subject: 'Oracle probe' }),
    move: { column: 'user_id', scope: 'user' },
  },
  {
    table: 'message',
    key: ['id'],
    cite: '§3.9 message RLS: messages_view_own_ticket_policy (own ticket and is_internal = false), messages_insert_own_ticket_policy (user_id = auth.uid(), own ticket, not internal), messages_support_policy (SELECT and INSERT TO support), messages_admin_policy',
    access: {
      authenticated: { select: both(flag('is_internal', false), ownTicket), insert: both(own('user_id'), flag('is_internal', false), ownTicket) },
      support: { select: always, insert: always },
      admin: adminAll,
    },
    touch: 'content',
    newRow: (c) => ({
      id: c.fresh('msg'),
      // The owner's ticket; never the caller's own one in a cross-tenant probe.
      ticket_id: pickPreferring(c.world, 'ticket', (t) => t.user_id === c.owner.id, (t) => c.owner === c.me || t.user_id !== c.me.id).id,
      user_id: c.owner.id,
      content: 'probe',
      is_internal: false,
    }),
  },
  {
    table: 'push_notification',
    key: ['id'],
    cite: '§3.10 push_notification RLS: "SELECT own; UPDATE own (mark read); ALL TO admin"',
    access: { authenticated: { select: own('user_id'), update: own('user_id') }, admin: adminAll },
    touch: 'read_at',
    newRow: (c) => ({ id: c.fresh('push'), user_id: c.owner.id, title: 'Probe', body: 'probe' }),
    move: { column: 'user_id', scope: 'user' },
  },
  {
    table: 'device_token',
    key: ['id'],
    cite: '§3.10 device_token RLS: "ALL own (user_id = auth.uid()); ALL TO admin"',
    access: { authenticated: manage(own('user_id')), admin: adminAll },
    touch: 'device_name',
    newRow: (c) => ({ id: c.fresh('dev'), user_id: c.owner.id, token: c.fresh('tok'), platform: 'web' }),
    move: { column: 'user_id', scope: 'user' },
  },
  {
    table: 'notification_preference',
    key: ['id'],
    cite: '§3.10 notification_preference RLS: "ALL own; ALL TO admin"',
    access: { authenticated: manage(own('user_id')), admin: adminAll },
    touch: 'push_enabled',
    newRow: (c) => ({ id: c.fresh('pref'), user_id: c.owner.id, type: c.fresh('type') }),
  },
  {
    table: 'offline_sync',
    key: ['id'],
    cite: '§3.11 offline_sync RLS: "ALL own; ALL TO admin"',
    access: { authenticated: manage(own('user_id')), admin: adminAll },
    touch: 'error',
    newRow: (c) => ({
      id: c.fresh('sync'),
      user_id: c.owner.id,
      device_id: 'oracle-device',
      table_name: 'ticket',
      record_id: c.fresh('rec'),
      operation: 'update',
      payload: '{}',
      client_timestamp: PROBE_TIME,
    }),
    move: { column: 'user_id', scope: 'user' },
  },
  {
    table: 'feature_flag',
    key: ['id'],
    cite: '§3.12 feature_flag RLS: "SELECT TO authenticated (and support); ALL TO admin"',
    access: { authenticated: readOnly(always), support: readOnly(always), admin: adminAll },
    touch: 'description',
    newRow: (c) => ({ id: c.fresh('flag'), key: c.fresh('key'), name: 'Oracle flag' }),
  },
  {
    table: 'product_feature_flag',
    key: ['product_id', 'feature_flag_id'],
    cite: '§3.12 product_feature_flag RLS: "SELECT TO authenticated; ALL TO admin"; §6 row feature_flag / product_feature_flag: support SELECT',
    access: { authenticated: readOnly(always), support: readOnly(always), admin: adminAll },
    touch: 'value',
    // The free plan unlocks only advanced_analytics (seed/billing.ts), so sso is not linked yet.
    newRow: () => ({ product_id: 'prod_free', feature_flag_id: 'flag_sso' }),
  },
  {
    table: 'waitlist_entry',
    key: ['id'],
    cite: '§3.13 waitlist_entry RLS: "SELECT own (user_id = auth.uid()); ALL TO admin. Anonymous sign-ups go through db"',
    access: { authenticated: readOnly(own('user_id')), admin: adminAll },
    touch: 'name',
    newRow: (c) => ({ id: c.fresh('wait'), email: `${c.fresh('hopeful')}@oracle.test`, user_id: c.owner.id }),
    move: { column: 'user_id', scope: 'user' },
  },
];
