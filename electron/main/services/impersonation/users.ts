import type { UserOption } from '../../../../shared/ipc/contracts/impersonation';
import type { Queryable } from '../../db/driver';

/**
 * The "View as" picker: users from the app's `"user"` table, read as the connection's login
 * (choosing whom to impersonate is an owner's act) in the run context's READ ONLY read. The search is a bound ILIKE pattern with the
 * user's wildcards escaped, over id, name and email.
 */
export async function listUsers(db: Queryable, search: string, limit: number, signal?: AbortSignal): Promise<UserOption[]> {
  const pattern = `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const result = await db.query<{ id: string; name: string; email: string; role: string | null }>(
    `select id, name, email, role from "user"
      where $1 = '%%' or id ilike $1 or name ilike $1 or email ilike $1
      order by (role is distinct from 'user'), email, id
      limit $2`,
    [pattern, limit],
    { signal },
  );
  return result.rows.map((r) => ({ id: String(r.id), name: String(r.name), email: String(r.email), role: r.role }));
}
