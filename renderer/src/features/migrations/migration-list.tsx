import type { MigrationItem } from '../../../../shared/ipc/contracts/migrations';
import { MigrationStateBadge } from './state-label';

const when = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16));

/** Every migration in journal order, then history rows without a file. */
export function MigrationList({ items, selected, onSelect }: { items: MigrationItem[]; selected: string | null; onSelect: (tag: string) => void }) {
  if (items.length === 0) return <p className="muted" data-testid="migrations.empty">No migrations in the journal.</p>;
  return (
    <ul className="mig-list" data-testid="migrations.list">
      {items.map((item) => (
        <li key={item.tag}>
          <button
            type="button"
            className={`mig-row${selected === item.tag ? ' active' : ''}`}
            data-testid={`migrations.row.${item.tag}`}
            data-state={item.state}
            aria-current={selected === item.tag ? 'true' : undefined}
            onClick={() => onSelect(item.tag)}
          >
            <span className="mig-row-head">
              <span className="mig-tag mono">{item.tag}</span>
              <MigrationStateBadge state={item.state} testId={`migrations.row.${item.tag}.state`} />
            </span>
            <span className="mig-row-meta muted">
              {item.statementCount} statement{item.statementCount === 1 ? '' : 's'}
              {item.when !== null ? ` · ${when(item.when)}` : ''}
              {item.appliedAt ? ` · applied ${item.appliedAt.replace('T', ' ').slice(0, 16)}` : ''}
            </span>
            {item.problem ? <span className="mig-row-problem">{item.problem}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
