import type { ConnectionState } from '../../../shared/ipc/contracts/connections';

/** The connection state as a coloured dot and a word; a broken connection shows why. */
export function StateBadge({
  state,
  reason,
  testId,
  showReason = true,
}: {
  state: ConnectionState;
  reason?: string;
  testId?: string;
  /** Off where space is tight and the caller shows the reason on its own line. */
  showReason?: boolean;
}) {
  return (
    <span className={`state-badge state-${state}`} data-testid={testId} data-state={state} title={reason ?? state}>
      <span className="state-dot" aria-hidden="true" />
      <span className="state-label">{state}</span>
      {showReason && state === 'broken' && reason ? <span className="state-reason">{reason}</span> : null}
    </span>
  );
}
