import { adminAll, either, manage, orgAdmin, orgMember, own, readOnly } from '../rules';
import type { TableOracle } from '../types';

// docs/schema.md §3.3 api.ts and the §6 rows apikey / usage_record / usage_limit. Support: – (none).

export const apiDomain: TableOracle[] = [
  {
    table: 'apikey',
    key: ['id'],
    cite: '§3.3 apikey RLS: apikeys_manage_own_policy (ALL, user_id = auth.uid()), apikeys_org_admin_policy (ALL, org owner/admin of organization_id), apikeys_admin_policy',
    access: {
      authenticated: manage(either(own('user_id'), orgAdmin('organization_id'))),
      admin: adminAll,
    },
    touch: 'name',
    newRow: (c) => ({ id: c.fresh('key'), key: c.fresh('secret'), user_id: c.owner.id }),
    move: { column: 'user_id', scope: 'user' },
  },
  {
    table: 'usage_record',
    key: ['id'],
    cite: '§3.3 usage_record RLS: usage_records_view_own_policy (SELECT, own or org admin); "inserts happen only through the privileged db, so there is no authenticated INSERT policy"; admin ALL',
    access: {
      authenticated: readOnly(either(own('user_id'), orgAdmin('organization_id'))),
      admin: adminAll,
    },
    touch: 'endpoint',
    newRow: (c) => ({ id: c.fresh('use'), user_id: c.owner.id, organization_id: c.owner.homeOrg }),
  },
  {
    table: 'usage_limit',
    key: ['id'],
    cite: '§3.3 usage_limit RLS: "SELECT own or org rows for authenticated; ALL TO admin"',
    access: {
      authenticated: readOnly(either(own('user_id'), orgMember('organization_id'))),
      admin: adminAll,
    },
    touch: 'reset_at',
    newRow: (c) => ({ id: c.fresh('lim'), user_id: c.owner.id, metric: c.fresh('metric'), limit: 10 }),
  },
];
