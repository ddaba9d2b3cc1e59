import { useQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { migrationQueries } from '../../queries/migrations';
import { SqlView } from './sql-view';
import { MigrationStateBadge } from './state-label';

/** One migration's statements exactly as apply will run them, with the lint findings beside them. */
export function PreviewPanel({ connectionId, tag }: { connectionId: string; tag: string }) {
  const preview = useQuery(migrationQueries.preview(connectionId, tag));
  if (preview.isError) return <ErrorView error={toAppError(preview.error)} testId="migrations.preview.error" />;
  if (!preview.data) return <p className="muted">Reading {tag}…</p>;
  const migration = preview.data.migrations[0];
  if (!migration) return null;
  return (
    <section className="mig-preview" data-testid="migrations.preview" data-tag={tag}>
      <header className="mig-preview-head">
        <h3 className="mono">{migration.tag}.sql</h3>
        <MigrationStateBadge state={migration.state} />
        <span className="muted mono" title={migration.hash ?? ''}>
          {migration.hash ? `sha256 ${migration.hash.slice(0, 12)}…` : ''}
        </span>
      </header>
      {preview.data.findings.length ? (
        <ul className="mig-findings" data-testid="migrations.preview.findings">
          {preview.data.findings.map((f, i) => (
            <li key={`${f.tag}-${f.rule}-${f.statementIndex}-${f.excerpt}`} className={`mig-finding ${f.severity}`} data-testid={`migrations.finding.${i}`} data-severity={f.severity}>
              <span className="mig-finding-sev">{f.severity === 'block' ? 'blocks' : 'warning'}</span>
              <span>
                Statement {f.statementIndex + 1}: {f.message}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" data-testid="migrations.preview.clean">
          Preflight lint: nothing to report.
        </p>
      )}
      <div className="mig-statement-count muted" data-testid="migrations.preview.count">
        {migration.statements.length} statement{migration.statements.length === 1 ? '' : 's'}, run in this order
      </div>
      {/* One editor for the whole file (hundreds of editors would crawl); a header comment per statement. */}
      <SqlView value={joinStatements(migration.statements)} testId="migrations.preview.sql" />
    </section>
  );
}

function joinStatements(statements: { index: number; sql: string }[]): string {
  return statements.map((s) => `-- statement ${s.index + 1} of ${statements.length}\n${s.sql.trim()}`).join('\n\n');
}
