import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import { ErrorView } from '../../components/error-view';
import { call, toAppError } from '../../lib/ipc';
import { migrationKeys, migrationQueries } from '../../queries/migrations';

/** Past applies from the audit log (who, when, what, result) and, for the embedded database, its backups. */
export function HistoryPanel({ connection }: { connection: ConnectionSummary }) {
  const queryClient = useQueryClient();
  const history = useQuery(migrationQueries.history(connection.id));
  const [confirming, setConfirming] = useState<string | null>(null);
  const restore = useMutation({
    mutationFn: (file: string) => call('migrations.restoreBackup', { connectionId: connection.id, file }),
    onSettled: () => {
      setConfirming(null);
      return queryClient.invalidateQueries({ queryKey: migrationKeys.connection(connection.id) });
    },
  });
  if (history.isError) return <ErrorView error={toAppError(history.error)} testId="migrations.history.error" />;
  const entries = history.data?.entries ?? [];
  const backups = connection.kind === 'embedded' ? (history.data?.backups ?? []) : [];
  return (
    <section className="mig-history" data-testid="migrations.history">
      {entries.length === 0 ? <p className="muted">No applies recorded for this connection yet.</p> : null}
      <table className="mig-table">
        {entries.length ? (
          <thead>
            <tr>
              <th>When (UTC)</th>
              <th>Who</th>
              <th>Result</th>
              <th>Migrations</th>
              <th>Details</th>
            </tr>
          </thead>
        ) : null}
        <tbody>
          {entries.map((e, i) => (
            <tr key={e.id} data-testid={`migrations.history.entry.${i}`} data-result={e.result}>
              <td className="mono">{e.when.replace('T', ' ').slice(0, 19)}</td>
              <td>{e.who}</td>
              <td>
                <span className={`mig-badge mig-result-${e.result}`}>{e.result}</span>
              </td>
              <td className="mono">{e.migrations.map((m) => m.tag).join(', ') || '—'}</td>
              <td className="muted">{e.error ? e.error.message : `${Math.round(e.durationMs)} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {backups.length ? (
        <>
          <h3>Backups of the embedded database</h3>
          {restore.error ? <ErrorView error={toAppError(restore.error)} testId="migrations.restore.error" /> : null}
          {restore.data ? (
            <p className="mig-result ok" data-testid="migrations.restore.done">
              Restored {restore.data.file}.
            </p>
          ) : null}
          <ul className="mig-backups">
            {backups.map((b) => (
              <li key={b.file} data-testid={`migrations.backup.${b.file}`}>
                <span className="mono">{b.file}</span>
                <span className="muted">{(b.bytes / 1024 / 1024).toFixed(1)} MB</span>
                {confirming === b.file ? (
                  <>
                    <span className="danger-text">Replace the current database with this backup?</span>
                    <button type="button" className="danger" disabled={restore.isPending} onClick={() => restore.mutate(b.file)} data-testid={`migrations.backup.${b.file}.confirm`}>
                      Restore
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      Keep current
                    </button>
                  </>
                ) : (
                  <button type="button" onClick={() => setConfirming(b.file)} data-testid={`migrations.backup.${b.file}.restore`}>
                    Restore…
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
