import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import type { ImpactPersona, MigrationImpact } from '../../../../shared/ipc/contracts/impact';
import type { AppError } from '../../../../shared/ipc/errors';
import { ErrorView } from '../../components/error-view';
import { call, toAppError } from '../../lib/ipc';
import { impersonationQueries } from '../../queries/impersonation';
import { migrationQueries } from '../../queries/migrations';

/**
 * "Access impact" before Apply: the pending batch runs in apply's transaction, always rolled
 * back, and this shows who gains or loses which command on which table, through which policies,
 * and the rows chosen personas see before and after. Dangerous findings come first.
 */
export function ImpactPanel({ connection, pending }: { connection: ConnectionSummary; pending: number }) {
  const batch = useQuery(migrationQueries.preview(connection.id, null));
  const users = useQuery(impersonationQueries.users(connection.id, ''));
  const [personas, setPersonas] = useState<ImpactPersona[]>([]);
  const [running, setRunning] = useState(false);
  const [impact, setImpact] = useState<MigrationImpact | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setImpact(
        await call('migrations.impact', {
          connectionId: connection.id,
          ...(personas.length ? { personas } : {}),
          ...(batch.data ? { expectedHashes: batch.data.pendingHashes } : {}),
        }),
      );
    } catch (err) {
      setError(toAppError(err));
    } finally {
      setRunning(false);
    }
  };
  const add = (userId: string) => {
    if (userId && !personas.some((p) => p.userId === userId)) setPersonas([...personas, { role: 'user', userId }]);
  };
  const name = (userId: string) => users.data?.users.find((u) => u.id === userId)?.email ?? userId;

  if (pending === 0) return null;
  return (
    <section className="mig-impact" data-testid="migrations.impact.panel">
      <div className="mig-apply-bar">
        <div className="mig-apply-text">
          <strong>Access impact</strong>
          <span className="muted">
            Runs the pending batch in a transaction that is always rolled back (same lock as Apply) and compares the policy matrix
            and the rows each persona sees, before and after.
          </span>
          <div className="mig-impact-personas" data-testid="migrations.impact.personas">
            <span className="muted">Personas:</span>
            {personas.length === 0 ? <span className="muted">one member of each of two organizations (automatic)</span> : null}
            {personas.map((p) => (
              <button key={p.userId} type="button" className="chip" title="Remove" onClick={() => setPersonas(personas.filter((x) => x !== p))}>
                {name(p.userId)} ×
              </button>
            ))}
            <select value="" aria-label="Add a persona" data-testid="migrations.impact.add-persona" onChange={(e) => add(e.target.value)}>
              <option value="">Add a user…</option>
              {(users.data?.users ?? []).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.email}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="button" disabled={running || !batch.data} data-testid="migrations.impact.run" onClick={() => void run()}>
          {running ? 'Checking…' : impact ? 'Check again' : 'Check access impact'}
        </button>
      </div>
      {error ? <ErrorView error={error} testId="migrations.impact.error" /> : null}
      {impact ? <ImpactResult impact={impact} name={name} /> : null}
    </section>
  );
}

function ImpactResult({ impact, name }: { impact: MigrationImpact; name: (userId: string) => string }) {
  const rows = impact.rows.filter((r) => r.before !== r.after || r.foreignBefore !== r.foreignAfter || r.errorBefore !== r.errorAfter || r.dangerous);
  return (
    <div className="mig-impact-result" data-testid="migrations.impact.result">
      {impact.dangerous.length ? (
        <ul className="mig-findings" data-testid="migrations.impact.dangerous">
          {impact.dangerous.map((d) => (
            <li key={`${d.table}:${d.persona?.userId ?? d.role ?? ''}:${d.message}`} className="mig-finding block">
              <span className="mig-finding-sev">dangerous</span>
              <span>{d.persona ? d.message.replace(d.persona.userId, name(d.persona.userId)) : d.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {impact.noAccessChange ? (
        <p className="mig-result ok" data-testid="migrations.impact.none">
          No access change: every role keeps the same commands on every table, and the personas see the same rows.
        </p>
      ) : (
        <>
          {impact.accessChanges.length ? (
            <table className="mig-table" data-testid="migrations.impact.changes">
              <thead>
                <tr>
                  <th>Table</th>
                  <th>Role</th>
                  <th>Command</th>
                  <th>Before → after</th>
                  <th>Caused by</th>
                </tr>
              </thead>
              <tbody>
                {impact.accessChanges.map((c) => (
                  <tr key={`${c.schema}.${c.table}:${c.role}:${c.command}`} className={c.dangerous ? 'danger-text' : ''}>
                    <td>{c.table}</td>
                    <td>{c.role}</td>
                    <td>{c.command.toUpperCase()}</td>
                    <td>
                      <span className={`mig-impact-dir ${c.direction}`}>{c.direction}</span> {c.before} → {c.after}
                    </td>
                    <td>{c.causes.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {rows.length ? (
            <table className="mig-table" data-testid="migrations.impact.rows">
              <thead>
                <tr>
                  <th>Persona</th>
                  <th>Table</th>
                  <th>Rows seen before → after</th>
                  <th>Of another tenant</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.persona.userId}:${r.schema}.${r.table}`} className={r.dangerous ? 'danger-text' : ''}>
                    <td>
                      {name(r.persona.userId)} <span className="muted">({r.persona.role})</span>
                    </td>
                    <td>{r.table}</td>
                    <td>
                      {r.errorBefore ?? r.before ?? '—'} → {r.errorAfter ?? r.after ?? '—'}
                    </td>
                    <td>{r.foreignBefore === null && r.foreignAfter === null ? '—' : `${r.foreignBefore ?? 0} → ${r.foreignAfter ?? 0}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {impact.policyChanges.length ? (
            <details className="mig-drift-group">
              <summary>
                Policies changed <span className="muted">({impact.policyChanges.length})</span>
              </summary>
              <ul className="mig-findings">
                {impact.policyChanges.map((p) => (
                  <li key={`${p.table}.${p.name}`} className="mig-finding warn">
                    <span className="mig-finding-sev">{p.change}</span>
                    <code>{p.after ?? p.before}</code>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {impact.tableChanges
            .filter((t) => !t.dangerous)
            .map((t) => (
              <p key={`${t.table}:${t.change}`} className="muted">
                {t.message}
              </p>
            ))}
        </>
      )}
      <p className="muted" data-testid="migrations.impact.rolled-back">
        Rehearsed {impact.migrations.join(', ')} in {impact.durationMs} ms; rolled back, nothing was applied.
      </p>
    </div>
  );
}
