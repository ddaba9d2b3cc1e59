import type { MigrationState } from '../../../../shared/ipc/contracts/migrations';

const labels: Record<MigrationState, string> = {
  applied: 'applied',
  pending: 'pending',
  modified: 'modified',
  'would-skip': 'would be skipped',
  'file-missing': 'file missing',
};

export function MigrationStateBadge({ state, testId }: { state: MigrationState; testId?: string }) {
  return (
    <span className={`mig-badge mig-${state}`} data-testid={testId} data-state={state}>
      {labels[state]}
    </span>
  );
}
