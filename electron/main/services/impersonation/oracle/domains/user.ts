import { adminAll, always, manage, own, readOnly } from '../rules';
import { PROBE_TIME } from '../pick';
import type { TableOracle } from '../types';

// docs/schema.md §3.1 user.ts (and the §6 rows user / session / account / verification / passkey).

export const userDomain: TableOracle[] = [
  {
    table: 'user',
    key: ['id'],
    cite: '§3.1 user RLS: users_view_own_policy (id = auth.uid(), likely intent SELECT TO authenticated), users_update_own_policy (UPDATE own; column grants: only name and image), users_view_admin_policy (ALL TO admin), users_view_support_policy (SELECT TO support); §6 anon –',
    access: {
      authenticated: { select: own('id'), update: own('id'), updateColumns: ['name', 'image'] },
      support: readOnly(always),
      admin: adminAll,
    },
    touch: 'name',
    newRow: (c) => ({ id: c.fresh('user'), name: 'Oracle Probe', email: `${c.fresh('mail')}@oracle.test` }),
  },
  {
    table: 'session',
    key: ['id'],
    cite: '§3.1 session RLS: sessions_view_own_policy (SELECT own), sessions_delete_own_policy (DELETE own), sessions_admin_policy (ALL TO admin); support –',
    access: {
      authenticated: { select: own('user_id'), delete: own('user_id') },
      admin: adminAll,
    },
    touch: 'user_agent',
    newRow: (c) => ({ id: c.fresh('ses'), expires_at: PROBE_TIME, token: c.fresh('tok'), user_id: c.owner.id }),
    move: { column: 'user_id', scope: 'user' },
  },
  {
    table: 'account',
    key: ['id'],
    cite: '§3.1 account RLS: accounts_view_own_policy (SELECT own, secrets hidden by column grants), accounts_admin_policy (ALL TO admin); support –',
    access: {
      authenticated: readOnly(own('user_id')),
      admin: adminAll,
    },
    touch: 'scope',
    newRow: (c) => ({ id: c.fresh('acc'), account_id: c.fresh('acct'), provider_id: 'github', user_id: c.owner.id }),
    move: { column: 'user_id', scope: 'user' },
  },
  {
    table: 'verification',
    key: ['id'],
    cite: '§3.1 verification RLS: only verifications_admin_policy (ALL TO admin); "Authenticated and support have no access"',
    access: { admin: adminAll },
    touch: 'value',
    newRow: (c) => ({ id: c.fresh('ver'), identifier: `${c.fresh('mail')}@oracle.test`, value: c.fresh('val'), expires_at: PROBE_TIME }),
  },
  {
    table: 'passkey',
    key: ['id'],
    cite: '§3.1 passkey RLS: passkeys_manage_own_policy (ALL TO authenticated, user_id = auth.uid()), passkeys_admin_policy (ALL TO admin)',
    access: {
      authenticated: manage(own('user_id')),
      admin: adminAll,
    },
    touch: 'name',
    newRow: (c) => ({
      id: c.fresh('pk'),
      public_key: c.fresh('pub'),
      user_id: c.owner.id,
      credential_id: c.fresh('cred'),
      counter: 0,
      device_type: 'singleDevice',
      backed_up: false,
    }),
    move: { column: 'user_id', scope: 'user' },
  },
];
