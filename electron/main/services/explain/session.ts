import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { Database, Queryable } from '../../db/driver';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import { rolledBack } from '../impersonation/run-as';

/**
 * The explainer's only database access (swap point for the run context of issue 12): two
 * READ ONLY transactions, both rolled back, so nothing it evaluates can write (nextval, a
 * volatile helper) or leave anything behind (ISO-06).
 * 1. As the connection's own role: the catalog and the row itself (the identity may not be
 *    allowed to see the row, which is what is being explained).
 * 2. As the identity, through the database package's `rlsDb` (the same role switch and claims
 *    the app's reads use, never re-implemented): the policy expressions are evaluated there, so
 *    auth.uid(), current_user, role membership, EXECUTE rights and the RLS of tables a policy's
 *    subquery reads are exactly what PostgreSQL would use for this identity.
 */
export async function explainSession<A, B>(
  db: Database,
  as: Impersonation,
  asOwner: (q: Queryable) => Promise<A>,
  asIdentity: (q: Queryable, owner: A) => Promise<B>,
): Promise<{ owner: A; identity: B }> {
  const owner = await rolledBack(db, async (q) => {
    // First statement of the transaction, as SET TRANSACTION requires.
    await q.query('set transaction read only');
    return asOwner(q);
  });
  const identity = await rlsDb(db).rls(
    as.userId,
    as.role,
    async (tx) => {
      // rlsDb has already run its set-up statements, so SET TRANSACTION READ ONLY would be too
      // late; switching a transaction TO read-only is allowed at any point (only leaving it is not).
      await tx.raw.query(`select set_config('transaction_read_only', 'on', true)`);
      return asIdentity(tx.raw, owner);
    },
    { commit: false },
  );
  return { owner, identity };
}
