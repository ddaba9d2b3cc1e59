// The stable entry exported RLS checks import (impersonation.exportTest): a file committed under
// the repository imports this module by a relative path, so it must keep these names even when
// the modules behind it move.
export { type CheckTarget, openCheckDatabase } from '../services/impersonation/check-database';
export { createRlsDb as rlsDb } from '@repo/database/rls';
