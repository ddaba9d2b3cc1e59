import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { migrationKeys, migrationQueries } from '../../queries/migrations';
import type { ScreenProps } from '../shell/screens';
import { ApplyPanel } from './apply-panel';
import { DriftPanel } from './drift-panel';
import { HistoryPanel } from './history-panel';
import { ImpactPanel } from './impact-panel';
import { MigrationList } from './migration-list';
import './migrations.css';
import { PreviewPanel } from './preview-panel';

type Tab = 'migrations' | 'drift' | 'history';
const tabs: { id: Tab; label: string }[] = [
  { id: 'migrations', label: 'Migrations' },
  { id: 'drift', label: 'Drift' },
  { id: 'history', label: 'History' },
];

/**
 * The Migrations screen: every migration with its state, the selected one's SQL and lint, the
 * locked apply with its log; drift against the Drizzle schema; the audit history.
 */
export function MigrationsScreen({ connection }: ScreenProps) {
  const queryClient = useQueryClient();
  const status = useQuery(migrationQueries.status(connection.id));
  const [tab, setTab] = useState<Tab>('migrations');
  const [selected, setSelected] = useState<string | null>(null);

  // An apply or a restore changed the database: the app-wide listener (queries/use-schema-changed.ts)
  // re-reads status, drift and history.

  const items = status.data?.items ?? [];
  const current = selected && items.some((i) => i.tag === selected) ? selected : (items.find((i) => i.state !== 'applied')?.tag ?? items[0]?.tag ?? null);
  const counts = status.data?.counts;

  return (
    <div className="mig-screen" data-testid="migrations.screen">
      <header className="mig-header">
        <div className="mig-tabs" role="tablist">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className={tab === t.id ? 'active' : ''}
              data-testid={`migrations.tab.${t.id}`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {counts ? (
          <div className="mig-counts" data-testid="migrations.counts">
            <span data-testid="migrations.counts.applied">{counts.applied} applied</span>
            <span data-testid="migrations.counts.pending">{counts.pending} pending</span>
            {counts.modified ? <span className="bad">{counts.modified} modified</span> : null}
            {counts.wouldSkip ? <span className="bad">{counts.wouldSkip} would be skipped</span> : null}
            {counts.fileMissing ? <span className="bad">{counts.fileMissing} file missing</span> : null}
            {!status.data?.historyExists ? <span className="muted">never migrated</span> : null}
          </div>
        ) : null}
        <button type="button" className="link-button" data-testid="migrations.refresh" onClick={() => void queryClient.invalidateQueries({ queryKey: migrationKeys.connection(connection.id) })}>
          Re-read files
        </button>
      </header>

      {status.isError ? <ErrorView error={toAppError(status.error)} testId="migrations.status.error" /> : null}

      {tab === 'migrations' && status.data ? (
        <>
          <ImpactPanel connection={connection} pending={status.data.counts.pending} />
          <ApplyPanel connection={connection} status={status.data} />
          <div className="mig-body">
            <aside className="mig-side">
              <MigrationList items={items} selected={current} onSelect={setSelected} />
            </aside>
            <main className="mig-main">{current && !current.startsWith('#') ? <PreviewPanel connectionId={connection.id} tag={current} /> : null}</main>
          </div>
        </>
      ) : null}
      {tab === 'migrations' && !status.data && !status.isError ? <p className="muted">Reading migrations…</p> : null}
      {tab === 'drift' ? <DriftPanel connectionId={connection.id} /> : null}
      {tab === 'history' ? <HistoryPanel connection={connection} /> : null}
    </div>
  );
}
