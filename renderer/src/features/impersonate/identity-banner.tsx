import './impersonate.css';
import { useQuery } from '@tanstack/react-query';
import { impersonationQueries } from '../../queries/impersonation';
import { useActiveConnection } from '../shell/active-connection';
import { ReceiptView } from './receipt-view';
import { asWire, useViewAs } from './view-as-store';

/** Shown while "View as" is on: who you are, the server's receipt, and how to stop. */
export function IdentityBanner() {
  const { connection } = useActiveConnection();
  const [viewAs, setViewAs] = useViewAs(connection?.id);
  const wire = asWire(viewAs);
  const receipt = useQuery({
    ...impersonationQueries.receipt(connection?.id ?? '', wire ?? { role: 'user', userId: '-' }),
    enabled: Boolean(connection && wire),
  });
  if (!connection || !viewAs) return null;
  return (
    <div className="identity-banner" role="status" data-testid="impersonate.banner">
      <strong>
        Viewing as <span data-testid="impersonate.banner.who">{viewAs.label ?? viewAs.userId}</span> ({viewAs.role})
      </strong>
      <span className="muted">Every read and write runs through rlsDb; writes are rolled back unless you commit.</span>
      {receipt.data ? <ReceiptView receipt={receipt.data} testId="impersonate.banner.receipt" /> : null}
      {receipt.isError ? <span className="muted">Receipt unavailable: {String(receipt.error.message)}</span> : null}
      <button type="button" className="small" data-testid="impersonate.banner.stop" onClick={() => setViewAs(undefined)}>
        Stop
      </button>
    </div>
  );
}
