import type { ConnectionState } from '../../../shared/ipc/contracts/connections';

/** The connection state as a coloured dot and a word; a broken connection shows why. */
export function StateBadge({ state, reason, testId }: { state: ConnectionState; reason?: string; testId?: string }) {
  return (
    <span className={`state-badge state-${state}`} data-testid={testId} data-state={state} title={reason ?? state}>
      <span className="state-dot" aria-hidden="true" />
      <span className="state-label">{state}</span>
      {state === 'broken' && reason ? <span className="state-reason">{reason}</span> : null}
    </span>
  );
}
