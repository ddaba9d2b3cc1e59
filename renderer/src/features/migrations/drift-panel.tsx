import { useQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { migrationQueries } from '../../queries/migrations';
import { SqlView } from './sql-view';

/** drizzle-kit's diff between the live database and the Drizzle schema, grouped by domain; nothing is applied. */
export function DriftPanel({ connectionId }: { connectionId: string }) {
  const drift = useQuery(migrationQueries.drift(connectionId));
  return (
    <section className="mig-drift" data-testid="migrations.drift">
      <div className="mig-drift-bar">
        <p className="muted">
          The statements that would bring this database in line with the Drizzle schema (drizzle-kit push, dry run: nothing is
          applied).
        </p>
        <button type="button" className="primary" disabled={drift.isFetching} data-testid="migrations.drift.check" onClick={() => void drift.refetch()}>
          {drift.isFetching ? 'Checking…' : drift.data ? 'Check again' : 'Check drift'}
        </button>
      </div>
      {drift.isError ? <ErrorView error={toAppError(drift.error)} testId="migrations.drift.error" /> : null}
      {drift.data ? (
        drift.data.inSync ? (
          <>
            <p className="mig-result ok" data-testid="migrations.drift.in-sync">
              In sync: the database matches the schema.
            </p>
            {drift.data.warnings.map((w) => (
              <p key={w} className="muted">
                {w}
              </p>
            ))}
          </>
        ) : (
          <>
            <p data-testid="migrations.drift.summary">
              {drift.data.statementCount} statement{drift.data.statementCount === 1 ? '' : 's'} in {drift.data.groups.length} domain
              {drift.data.groups.length === 1 ? '' : 's'}
              {drift.data.hasDataLoss ? <strong className="danger-text"> — with possible data loss</strong> : null}
            </p>
            {drift.data.warnings.length ? (
              <ul className="mig-findings">
                {drift.data.warnings.map((w) => (
                  <li key={w} className="mig-finding warn">
                    <span className="mig-finding-sev">data loss</span>
                    <span>{w}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {drift.data.groups.map((g) => (
              <details key={g.domain} className="mig-drift-group" data-testid={`migrations.drift.group.${g.domain}`} open={drift.data.groups.length <= 3}>
                <summary>
                  {g.domain} <span className="muted">({g.statements.length})</span>
                </summary>
                <SqlView value={g.statements.join('\n\n')} />
              </details>
            ))}
          </>
        )
      ) : null}
    </section>
  );
}
