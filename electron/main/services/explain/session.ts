import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { Queryable } from '../../db/driver';
import type { RunContext } from '../../db/run-context';

/** What the explainer needs of its call's run context. */
export type ExplainRun = Pick<RunContext, 'readAsLogin' | 'derive'>;

/**
 * The explainer's only database access: two reads of the call's run context, both READ ONLY
 * transactions that are rolled back, so nothing it evaluates can write (nextval, a volatile
 * helper) or leave anything behind (ISO-06).
 * 1. As the connection's own login: the catalog and the row itself (the identity may not be
 *    allowed to see the row, which is what is being explained).
 * 2. As the identity, through the database package's `rlsDb` (the same role switch and claims
 *    the app's reads use, never re-implemented): the policy expressions are evaluated there, so
 *    auth.uid(), current_user, role membership, EXECUTE rights and the RLS of tables a policy's
 *    subquery reads are exactly what PostgreSQL would use for this identity.
 */
export async function explainSession<A, B>(
  run: ExplainRun,
  as: Impersonation,
  asOwner: (q: Queryable) => Promise<A>,
  asIdentity: (q: Queryable, owner: A) => Promise<B>,
): Promise<{ owner: A; identity: B }> {
  const owner = await run.readAsLogin(asOwner);
  const identity = await run.derive({ as }).read((q) => asIdentity(q, owner));
  return { owner, identity };
}
