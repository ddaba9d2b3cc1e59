import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { Database, Queryable } from '../../db/driver';
import { withImpersonation } from '../impersonation/impersonated-database';

/**
 * Runs a read as the "View as" identity, rolled back, through the same rlsDb path the grid uses.
 * The ONE place catalog-derived lists switch identity: when the run context (issue 12) lands,
 * only this function changes.
 */
export function asIdentity<T>(db: Database, as: Impersonation, read: (q: Queryable) => Promise<T>): Promise<T> {
  return withImpersonation(db, as, (session) => read(session));
}
