import { useQuery } from '@tanstack/react-query';
import { StateBadge } from '../../components/state-badge';
import { toAppError } from '../../lib/ipc';
import { appQueries } from '../../queries/app';
import { connectionQueries } from '../../queries/connections';
import { helperLoginLabels } from '../connections/helper-login-offer';
import { useConnectionActions } from '../connections/use-connection-actions';
import { useActiveConnection } from './active-connection';

const storageLabels = {
  available: 'passwords encrypted by the OS',
  basic_text: 'passwords NOT protected (basic_text): ask every time',
  unavailable: 'no secure storage: ask every time',
} as const;

/** The bottom line: state, server version and identity of the active connection. */
export function StatusBar() {
  const { connection } = useActiveConnection();
  const live = connection?.state === 'ready' || connection?.state === 'busy';
  const info = useQuery({ ...connectionQueries.serverInfo(connection?.id ?? ''), enabled: Boolean(connection) && live });
  const app = useQuery(appQueries.info());
  const { cancel } = useConnectionActions();

  return (
    <footer className="status-bar" data-testid="shell.status">
      {connection ? (
        <StateBadge state={connection.state} reason={connection.stateReason} testId="shell.status.state" />
      ) : null}
      {connection && (connection.state === 'busy' || connection.state === 'connecting') ? (
        <button
          type="button"
          className="status-button"
          disabled={cancel.isPending}
          data-testid="shell.status.cancel"
          onClick={() => cancel.mutate(connection.id)}
        >
          Cancel
        </button>
      ) : null}
      <span className="status-item mono" data-testid="shell.status.server-version" title="Server version">
        {info.data ? info.data.serverVersion : info.error ? 'version unavailable' : live ? '…' : '—'}
      </span>
      {info.data ? (
        <>
          <span className="status-item mono muted status-shrink">
            {info.data.currentUser}@{info.data.database}
          </span>
          {/* What the server itself reports, not what the UI believes: default_transaction_read_only. */}
          <span className={`status-item${info.data.readOnly ? ' status-warn' : ' muted'}`} data-testid="shell.status.read-only">
            {info.data.readOnly ? 'read-only session' : 'read-write'}
          </span>
          {/* sslmode=require encrypts without checking who answers: say so (CONN-05). */}
          {info.data.tlsLabel ? (
            <span className={`status-item${info.data.tls === 'verified' ? ' muted' : ' status-warn'}`} data-testid="shell.status.tls">
              {info.data.tlsLabel}
            </span>
          ) : null}
        </>
      ) : null}
      {/* ISO-12: each helper login and whether it logs in (a rotated password, a dropped role). */}
      {connection?.helperLogins?.map((h) => (
        <span key={h.kind} className="status-item" data-testid={`shell.status.helper.${h.kind}`} title={`${h.role}: ${h.reason ?? h.state}`}>
          {helperLoginLabels[h.kind]} <StateBadge state={h.state} {...(h.reason ? { reason: h.reason } : {})} showReason={false} />
        </span>
      ))}
      {info.error ? (
        <span className="status-item status-error" title={toAppError(info.error).message}>
          {toAppError(info.error).kind}
        </span>
      ) : null}
      <span className="status-spacer" />
      {app.data ? (
        <>
          <span className="status-item muted status-shrink" data-testid="shell.status.secure-storage">
            {storageLabels[app.data.secureStorage]}
          </span>
          <span className="status-item muted">Warden {app.data.version}</span>
        </>
      ) : null}
    </footer>
  );
}
