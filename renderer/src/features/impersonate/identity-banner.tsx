import './impersonate.css';
import { useQuery } from '@tanstack/react-query';
import { impersonationQueries } from '../../queries/impersonation';
import { useActiveConnection } from '../shell/active-connection';
import { usePageReceipt } from './page-receipt-store';
import { AirtightNotice } from './airtight-notice';
import { ReceiptView } from './receipt-view';
import { asWire, useViewAs } from './view-as-store';

/**
 * Shown while "View as" is on: who you are, the server's receipt, and how to stop. While the data
 * grid shows a table, the receipt is the one its page was read with (same transaction); elsewhere
 * a receipt of its own.
 */
export function IdentityBanner() {
  const { connection } = useActiveConnection();
  const [viewAs, setViewAs] = useViewAs(connection?.id);
  const wire = asWire(viewAs);
  const fromPage = usePageReceipt(connection?.id, wire);
  const own = useQuery({
    ...impersonationQueries.receipt(connection?.id ?? '', wire ?? { role: 'user', userId: '-' }),
    enabled: Boolean(connection && wire && !fromPage),
  });
  if (!connection || !viewAs) return null;
  const receipt = fromPage?.receipt ?? own.data;
  return (
    <div className="identity-banner" role="status" data-testid="impersonate.banner">
      <strong>
        Viewing as <span data-testid="impersonate.banner.who">{viewAs.label ?? viewAs.userId}</span> ({viewAs.role})
      </strong>
      <span className="muted">Every read and write runs through rlsDb; writes are rolled back unless you commit.</span>
      <AirtightNotice connection={connection} receipt={receipt} />
      {fromPage ? (
        <span className="receipt-source" data-testid="impersonate.banner.source" data-table={`${fromPage.schema}.${fromPage.table}`}>
          Receipt of the {fromPage.schema === 'public' ? '' : `${fromPage.schema}.`}
          {fromPage.table} page, read in the same transaction:
        </span>
      ) : null}
      {receipt ? <ReceiptView receipt={receipt} testId="impersonate.banner.receipt" /> : null}
      {!fromPage && own.isError ? <span className="muted">Receipt unavailable: {String(own.error.message)}</span> : null}
      <button type="button" className="small" data-testid="impersonate.banner.stop" onClick={() => setViewAs(undefined)}>
        Stop
      </button>
    </div>
  );
}
