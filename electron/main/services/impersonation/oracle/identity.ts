import type { Database, Queryable } from '../../../db/driver';
import { createRlsDb as rlsDb, type RlsRole } from '@repo/database/rls';
import { rolledBack } from '../run-as';
import type { PgRole, Who } from './types';

const appRole: Record<Exclude<PgRole, 'anon'>, RlsRole> = { authenticated: 'user', support: 'support', admin: 'admin' };

/**
 * Runs `fn` as the persona, always rolled back. Every identity with a user goes through the
 * app's own rlsDb (the code under test sets role and claims). anon is not reachable through
 * rlsDb (docs/schema.md §2.1: it maps only user/admin/support), so it gets the same transaction-local
 * role switch with no claims at all: auth.uid() is NULL, as for an anonymous request.
 */
export async function asPersona<T>(db: Database, who: Who, fn: (q: Queryable) => Promise<T>): Promise<T> {
  if (who.pgRole === 'anon') {
    return rolledBack(db, async (q) => {
      await q.query(`select set_config('role', 'anon', true)`);
      return fn(q);
    });
  }
  if (who.id === null) throw new Error(`oracle: ${who.label} has no user id`);
  return rlsDb(db).rls(who.id, appRole[who.pgRole], (tx) => fn(tx.raw), { commit: false });
}
