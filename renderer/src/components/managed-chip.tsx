import type { ManagedInfo } from '../../../shared/managed';

const labels: Record<ManagedInfo['state'], { long: string; short: string }> = {
  managed: { long: 'Managed by this project', short: 'managed' },
  unmanaged: { long: 'Not managed by this project', short: 'not managed' },
  empty: { long: 'Empty: not migrated yet', short: 'empty' },
};

/** Managed or not, said plainly: whether our schema and domains apply to this database (reason on hover). */
export function ManagedChip({ managed, short = false, testId }: { managed: ManagedInfo; short?: boolean; testId?: string }) {
  return (
    <span className={`managed-chip ${managed.state}`} title={managed.reason} data-testid={testId ?? `managed.${managed.state}`} data-state={managed.state}>
      {short ? labels[managed.state].short : labels[managed.state].long}
    </span>
  );
}
