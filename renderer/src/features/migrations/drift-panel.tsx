import { useQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { migrationQueries } from '../../queries/migrations';
import { SqlView } from './sql-view';

/**
 * The live database against the Drizzle schema, grouped by domain; nothing is applied. Table and
 * column statements come from drizzle-kit's diff; policy, RLS and grant statements are built from
 * the schema's own definitions. Each statement that drops data carries its own mark.
 */
export function DriftPanel({ connectionId }: { connectionId: string }) {
  const drift = useQuery(migrationQueries.drift(connectionId));
  return (
    <section className="mig-drift" data-testid="migrations.drift">
      <div className="mig-drift-bar">
        <p className="muted">
          The statements that would bring this database in line with the Drizzle schema (dry run: nothing is applied). Policies,
          RLS and grants are compared with the schema's definitions, expressions included.
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
            {drift.data.access.length ? (
              <ul className="mig-findings" data-testid="migrations.drift.access">
                {drift.data.access.map((a) => (
                  <li key={`${a.kind}:${a.table}:${a.name ?? ''}:${a.message}`} className="mig-finding warn">
                    <span className="mig-finding-sev">{a.kind}</span>
                    <span>{a.message}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {drift.data.warnings.map((w) => (
              <p key={w} className="muted">
                {w}
              </p>
            ))}
            {drift.data.groups.map((g) => (
              <details key={g.domain} className="mig-drift-group" data-testid={`migrations.drift.group.${g.domain}`} open={drift.data.groups.length <= 3}>
                <summary>
                  {g.domain} <span className="muted">({g.statements.length})</span>
                </summary>
                <ol className="mig-statements">
                  {g.statements.map((s, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: statements are shown in order and may repeat.
                    <li key={i} data-testid="migrations.drift.statement" data-data-loss={s.dataLoss ? 'true' : 'false'}>
                      <div className="mig-statement-label muted">
                        {s.source === 'schema' ? 'from the schema\'s definition' : 'drizzle-kit'}
                        {s.dataLoss ? (
                          <strong className="danger-text" data-testid="migrations.drift.data-loss">
                            {' '}
                            · data loss: {s.dataLoss}
                          </strong>
                        ) : null}
                      </div>
                      <SqlView value={s.sql} />
                    </li>
                  ))}
                </ol>
              </details>
            ))}
          </>
        )
      ) : null}
    </section>
  );
}
