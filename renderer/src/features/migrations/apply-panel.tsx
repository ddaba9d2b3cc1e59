import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import type { ApplyResult, MigrationProgress, MigrationStatus } from '../../../../shared/ipc/contracts/migrations';
import type { AppError } from '../../../../shared/ipc/errors';
import { ErrorView } from '../../components/error-view';
import { call, onEvent, toAppError } from '../../lib/ipc';
import { migrationKeys, migrationQueries } from '../../queries/migrations';

const WAIT_FOR_LOCK_MS = 120_000;
/** The log keeps the last lines only; the audit history has the whole run. */
const MAX_LOG_LINES = 300;

function progressLine(p: MigrationProgress): string {
  switch (p.phase) {
    case 'statement':
      return `${p.tag} · statement ${(p.statementIndex ?? 0) + 1}/${p.statementCount ?? '?'} · ${p.excerpt ?? ''}`;
    case 'migration-done':
      return `${p.tag} done`;
    case 'failed':
      return `Failed: ${p.message ?? ''}`;
    default:
      return p.message ?? p.phase;
  }
}

/**
 * Apply all pending migrations: the button, a typed confirmation on production, the live log of
 * `migrations.progressed` events and the result. The batch previewed (its hashes) is sent along,
 * so main refuses if anything changed in between.
 */
export function ApplyPanel({ connection, status }: { connection: ConnectionSummary; status: MigrationStatus }) {
  const queryClient = useQueryClient();
  const batch = useQuery(migrationQueries.preview(connection.id, null));
  const [log, setLog] = useState<MigrationProgress[]>([]);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ApplyResult | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [confirmation, setConfirmation] = useState('');
  const logRef = useRef<HTMLOListElement>(null);

  // Hundreds of statements arrive quickly: buffer them and render once per frame.
  useEffect(() => {
    let buffer: MigrationProgress[] = [];
    let frame = 0;
    const flush = () => {
      frame = 0;
      const next = buffer;
      buffer = [];
      setLog((lines) => [...lines, ...next]);
    };
    const off = onEvent('migrations.progressed', (p) => {
      if (p.connectionId !== connection.id) return;
      buffer.push(p);
      frame ||= requestAnimationFrame(flush);
    });
    return () => {
      off();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [connection.id]);
  const lines = log.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: keep the newest line in view whenever lines arrive.
  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);

  const production = connection.environment === 'production';
  const pending = status.counts.pending;
  const blocked = batch.data?.blocked ?? false;
  const refusal = status.refusal ?? (blocked ? 'The preflight lint blocks a pending statement (see the findings).' : null);
  const canApply = pending > 0 && !refusal && !running && (!production || confirmation === connection.name) && Boolean(batch.data);

  const apply = async (waitForLockMs: number) => {
    setRunning(true);
    setLog([]);
    setResult(null);
    setError(null);
    try {
      const done = await call('migrations.apply', {
        connectionId: connection.id,
        waitForLockMs,
        ...(batch.data ? { expectedHashes: batch.data.pendingHashes } : {}),
        ...(production ? { confirmation } : {}),
      });
      setResult(done);
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setRunning(false);
      await queryClient.invalidateQueries({ queryKey: migrationKeys.connection(connection.id) });
    }
  };

  const statements = log.filter((p) => p.phase === 'statement');
  const last = statements.at(-1);
  const total = last?.total ?? batch.data?.migrations.reduce((n, m) => n + m.statements.length, 0) ?? 0;
  const doneCount = result ? total : (last?.done ?? 0);

  return (
    <section className="mig-apply" data-testid="migrations.apply.panel">
      <div className="mig-apply-bar">
        <div className="mig-apply-text">
          {pending > 0 ? (
            <strong data-testid="migrations.apply.summary">
              {pending} pending migration{pending === 1 ? '' : 's'}, {total} statement{total === 1 ? '' : 's'}, in one transaction
            </strong>
          ) : (
            <span className="muted" data-testid="migrations.apply.summary">
              Nothing to apply.
            </span>
          )}
          {refusal ? (
            <div className="mig-refusal" role="alert" data-testid="migrations.refusal">
              {refusal}
            </div>
          ) : null}
        </div>
        {production && pending > 0 ? (
          <label className="mig-confirm">
            <span className="muted">Type “{connection.name}” to apply to production</span>
            <input
              className="mono"
              value={confirmation}
              autoComplete="off"
              spellCheck={false}
              data-testid="migrations.apply.confirmation"
              onChange={(e) => setConfirmation(e.target.value)}
            />
          </label>
        ) : null}
        {running ? (
          <button type="button" data-testid="migrations.apply.cancel" onClick={() => void call('migrations.cancel', { connectionId: connection.id })}>
            Cancel
          </button>
        ) : null}
        <button type="button" className={production ? 'danger' : 'primary'} disabled={!canApply} data-testid="migrations.apply" onClick={() => void apply(0)}>
          {running ? 'Applying…' : 'Apply all pending'}
        </button>
      </div>

      {running || log.length > 0 ? (
        <div className="mig-progress" data-testid="migrations.progress">
          <progress max={Math.max(total, 1)} value={doneCount} data-testid="migrations.progress.bar" />
          <ol className="mig-log mono" ref={logRef} data-testid="migrations.progress.log">
            {log.slice(-MAX_LOG_LINES).map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an append-only log.
              <li key={i} className={`mig-log-line ${p.phase}`} data-phase={p.phase}>
                {progressLine(p)}
              </li>
            ))}
          </ol>
        </div>
      ) : null}

      {result ? (
        <div className="mig-result ok" role="status" data-testid="migrations.result">
          Applied {result.applied.length} migration{result.applied.length === 1 ? '' : 's'} in {Math.round(result.durationMs)} ms
          {result.verified ? ', history verified' : ', HISTORY NOT VERIFIED'}
          {result.backupFile ? `; backup ${result.backupFile}` : ''}.
        </div>
      ) : null}
      {error ? (
        <div className="mig-result failed">
          <ErrorView error={error} testId="migrations.error" />
          {error.code === 'migration_locked' ? (
            <button type="button" data-testid="migrations.apply.wait" onClick={() => void apply(WAIT_FOR_LOCK_MS)}>
              Wait for the lock and apply
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
