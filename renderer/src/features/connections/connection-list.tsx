import { useState } from 'react';
import { type ConnectionSummary, EMBEDDED_CONNECTION_ID } from '../../../../shared/ipc/contracts/connections';
import { EnvChip } from '../../components/env-chip';
import { ErrorView } from '../../components/error-view';
import { icons } from '../../components/icons';
import { StateBadge } from '../../components/state-badge';
import { toAppError } from '../../lib/ipc';
import { useActiveConnection } from '../shell/active-connection';
import { UnlockWritesDialog } from './unlock-writes-dialog';
import { useConnectionActions } from './use-connection-actions';

interface ConnectionListProps {
  connections: readonly ConnectionSummary[];
  selectedId: string | null;
  onEdit: (connection: ConnectionSummary) => void;
}

const live = (state: ConnectionSummary['state']) => state === 'ready' || state === 'busy' || state === 'reconnecting';

/** Saved connections with their state and the actions that change it. */
export function ConnectionList({ connections, selectedId, onEdit }: ConnectionListProps) {
  const { switchTo, switching, activeId } = useActiveConnection();
  const { disconnect, remove } = useConnectionActions();
  const [armedRemove, setArmedRemove] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState<ConnectionSummary | null>(null);

  const failure = disconnect.error ?? remove.error;
  return (
    <>
    {failure ? <ErrorView error={toAppError(failure)} testId="connections.list.error" /> : null}
    <ul className="connection-list" data-testid="connections.list">
      {connections.map((item) => {
        const embedded = item.id === EMBEDDED_CONNECTION_ID;
        const testId = `connections.list.${item.id}`;
        return (
          <li
            key={item.id}
            className={`connection-item${item.id === selectedId ? ' selected' : ''}`}
            data-testid={testId}
          >
            <div className="connection-item-head">
              <EnvChip environment={item.environment} color={item.color} />
              <span className="connection-item-name" data-testid={`${testId}.name`}>
                {item.name}
              </span>
              {item.id === activeId ? <span className="active-mark">active</span> : null}
            </div>
            <div className="connection-item-target mono muted">
              {embedded ? 'embedded PGlite' : `${item.user ?? ''}@${item.host ?? ''}:${item.port ?? ''}/${item.database ?? ''}`}
            </div>
            <div className="connection-item-state">
              <StateBadge state={switching === item.id ? 'connecting' : item.state} reason={item.stateReason} testId={`${testId}.state`} />
              {item.readOnly ? (
                <span className="lock-badge" data-testid={`${testId}.read-only`}>
                  {icons.lock} read-only
                </span>
              ) : null}
            </div>
            <div className="connection-item-actions">
              {live(item.state) ? (
                <>
                  {item.id !== activeId ? (
                    <button type="button" className="small" data-testid={`${testId}.use`} onClick={() => switchTo(item)}>
                      Use
                    </button>
                  ) : null}
                  {embedded ? null : (
                    <button type="button" className="small" data-testid={`${testId}.disconnect`} onClick={() => disconnect.mutate(item.id)}>
                      Disconnect
                    </button>
                  )}
                </>
              ) : (
                <button
                  type="button"
                  className="small"
                  disabled={switching === item.id}
                  data-testid={`${testId}.connect`}
                  onClick={() => switchTo(item)}
                >
                  Connect
                </button>
              )}
              {item.readOnly && live(item.state) ? (
                <button type="button" className="small" data-testid={`${testId}.unlock`} onClick={() => setUnlocking(item)}>
                  Unlock writes
                </button>
              ) : null}
              {embedded ? null : (
                <>
                  <button type="button" className="small" data-testid={`${testId}.edit`} onClick={() => onEdit(item)}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className={`small${armedRemove === item.id ? ' danger' : ''}`}
                    data-testid={`${testId}.remove`}
                    onBlur={() => setArmedRemove(null)}
                    onClick={() => {
                      if (armedRemove === item.id) remove.mutate(item.id);
                      else setArmedRemove(item.id);
                    }}
                  >
                    {armedRemove === item.id ? 'Confirm remove' : 'Remove'}
                  </button>
                </>
              )}
            </div>
          </li>
        );
      })}
    </ul>
    {unlocking ? <UnlockWritesDialog connection={unlocking} onClose={() => setUnlocking(null)} /> : null}
    </>
  );
}
