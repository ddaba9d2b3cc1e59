import type { RunNotice } from '../../../shared/ipc/contracts/trust';

/**
 * What typed SQL on a read-only superuser login without the reader login did not show (ISO-11):
 * reduced to `reducedRole` (pg_read_all_data), RLS applies and a statement can leave the role;
 * with no such role on the server, READ ONLY alone leaves the superuser's other powers.
 */
export function superuserNotice(reducedRole: string | null): RunNotice {
  const fix = 'Create the reader login: it reads every row and can do nothing else.';
  if (!reducedRole) {
    return {
      code: 'superuser-read-only',
      message: `Ran as the superuser login in a READ ONLY transaction: that stops data writes, not a superuser's other powers (server files, programs). ${fix}`,
      action: 'create-reader-login',
    };
  }
  return {
    code: 'reduced-role',
    message: `Ran as ${reducedRole} to drop the superuser login's powers. Row-level security applies to ${reducedRole}, so tables with RLS look empty or filtered here, and a statement can leave that role (back to the superuser login). ${fix}`,
    action: 'create-reader-login',
  };
}
