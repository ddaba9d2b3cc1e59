import type { RunNotice } from '../../../../shared/ipc/contracts/trust';
import { HelperLoginOffer } from '../connections/helper-login-offer';
import { useActiveConnection } from '../shell/active-connection';

/**
 * What results of typed SQL may not show (ISO-11), said beside them: on a read-only superuser
 * login without a reader login, row-level security applied to pg_read_all_data. With the fix.
 */
export function RunNoticeView({ notice, testId }: { notice: RunNotice; testId: string }) {
  const { connection } = useActiveConnection();
  return (
    <div className="run-notice" role="note" data-testid={testId} data-code={notice.code}>
      <span data-testid={`${testId}.message`}>{notice.message}</span>
      {notice.action === 'create-reader-login' && connection ? <HelperLoginOffer connection={connection} kind="reader" testId={`${testId}.create-reader-login`} /> : null}
    </div>
  );
}
