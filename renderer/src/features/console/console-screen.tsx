import { PostgreSQL, sql as sqlLanguage } from '@codemirror/lang-sql';
import { useQuery } from '@tanstack/react-query';
import CodeMirror, { keymap, Prec } from '@uiw/react-codemirror';
import { useMemo, useRef, useState } from 'react';
import type { ConsoleRunResult } from '../../../../shared/ipc/contracts/console';
import { describeOutcome, type Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { AppError } from '../../../../shared/ipc/errors';
import { ErrorView } from '../../components/error-view';
import { call, toAppError } from '../../lib/ipc';
import { consoleQueries } from '../../queries/console';
import type { IdentityReceipt } from '../../../../shared/ipc/contracts/impersonation';
import { ReceiptView } from '../impersonate/receipt-view';
import { asWire, useViewAs } from '../impersonate/view-as-store';
import { guessTarget, WhyButton } from '../explain/why-button';
import type { ScreenProps } from '../shell/screens';
import { HelperLoginOffer, helperKindOfError } from '../connections/helper-login-offer';
import { ResultGrid } from './result-grid';
import { RunNoticeView } from './run-notice';
import type { RunNotice } from '../../../../shared/ipc/contracts/trust';
import '../impersonate/impersonate.css';
import './console.css';

type Outcome =
  | { kind: 'result'; result: ConsoleRunResult; sql: string; as?: Impersonation }
  | { kind: 'plan'; plan: string[]; analyzed: boolean; receipt?: IdentityReceipt; notice?: RunNotice }
  | { kind: 'error'; error: AppError };

/**
 * The SQL console: one statement per run, under the current "View as" identity (through rlsDb in
 * main), cancellable, with EXPLAIN; impersonated writes are rolled back unless Commit is ticked.
 */
export function ConsoleScreen({ connection }: ScreenProps) {
  const [text, setText] = useState('select id, name, slug from organization order by name');
  const [viewAs] = useViewAs(connection.id);
  const [commit, setCommit] = useState(false);
  const [running, setRunning] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const schema = useQuery(consoleQueries.schema(connection.id, viewAs ? { role: viewAs.role, userId: viewAs.userId } : undefined));
  const runRef = useRef<() => void>(() => {});

  const extensions = useMemo(() => {
    const namespace: Record<string, Record<string, string[]>> = {};
    for (const t of schema.data?.tables ?? []) {
      namespace[t.schema] ??= {};
      (namespace[t.schema] as Record<string, string[]>)[t.name] = t.columns;
    }
    return [
      sqlLanguage({ dialect: PostgreSQL, schema: namespace, defaultSchema: 'public', upperCaseKeywords: false }),
      Prec.highest(
        keymap.of([
          {
            key: 'Mod-Enter',
            run: () => {
              runRef.current();
              return true;
            },
          },
        ]),
      ),
    ];
  }, [schema.data]);

  const start = async (kind: 'run' | 'explain' | 'analyze') => {
    if (running) return;
    const runId = crypto.randomUUID().replace(/-/g, '');
    setRunning(runId);
    setOutcome(null);
    const as = asWire(viewAs);
    try {
      if (kind === 'run') {
        const result = await call('console.run', { connectionId: connection.id, runId, sql: text, ...(as ? { as } : {}), commit });
        setOutcome({ kind: 'result', result, sql: text, ...(as ? { as } : {}) });
      } else {
        const r = await call('console.explain', { connectionId: connection.id, runId, sql: text, ...(as ? { as } : {}), analyze: kind === 'analyze' });
        setOutcome({ kind: 'plan', plan: r.plan, analyzed: kind === 'analyze' && r.rolledBack, ...(r.receipt ? { receipt: r.receipt } : {}), ...(r.notice ? { notice: r.notice } : {}) });
      }
    } catch (err) {
      setOutcome({ kind: 'error', error: toAppError(err) });
    } finally {
      setRunning(null);
    }
  };
  runRef.current = () => void start('run');

  return (
    <div className="screen console" data-testid="screen.console">
      <div className="toolbar">
        <button type="button" data-testid="console.run" disabled={running !== null} onClick={() => void start('run')} title="Run (Ctrl+Enter)">
          Run
        </button>
        <button type="button" data-testid="console.explain" disabled={running !== null} onClick={() => void start('explain')}>
          EXPLAIN
        </button>
        <button type="button" data-testid="console.explain-analyze" disabled={running !== null} onClick={() => void start('analyze')}>
          EXPLAIN ANALYZE
        </button>
        <button
          type="button"
          data-testid="console.cancel"
          disabled={running === null}
          onClick={() => running && void call('console.cancel', { connectionId: connection.id, runId: running })}
        >
          Cancel
        </button>
        {viewAs ? (
          <label title="Impersonated runs are rolled back unless you commit">
            <input type="checkbox" checked={commit} onChange={(e) => setCommit(e.target.checked)} data-testid="console.commit" /> Commit
          </label>
        ) : null}
        <span className="toolbar-spacer" />
        <span className="muted" data-testid="console.identity">
          {viewAs ? `as ${viewAs.role} ${viewAs.label ?? viewAs.userId}` : `as the connection${connection.readOnly ? ' (read-only)' : ''}`}
        </span>
      </div>
      <div className="console-editor" data-testid="console.editor">
        <CodeMirror value={text} onChange={setText} extensions={extensions} theme="dark" height="160px" basicSetup={{ lineNumbers: true }} />
      </div>
      <div className="console-output">
        {running ? <p className="muted" data-testid="console.running">Running…</p> : null}
        {outcome?.kind === 'error' ? <ErrorView error={outcome.error} testId="console.error" /> : null}
        {outcome?.kind === 'error' && helperKindOfError(outcome.error.code) ? (
          <HelperLoginOffer connection={connection} kind={helperKindOfError(outcome.error.code) ?? 'reader'} testId="console.error.recreate-login" />
        ) : null}
        {outcome?.kind === 'plan' && outcome.notice ? <RunNoticeView notice={outcome.notice} testId="console.plan.notice" /> : null}
        {outcome?.kind === 'plan' && outcome.analyzed ? (
          <p className="console-rolled-back" data-testid="console.plan.rolled-back">
            EXPLAIN ANALYZE ran the statement in a transaction that was rolled back: nothing it did was kept.
          </p>
        ) : null}
        {outcome?.kind === 'plan' ? (
          <pre className="policy-sql" data-testid="console.plan">
            {outcome.plan.join('\n')}
          </pre>
        ) : null}
        {outcome?.kind === 'plan' && outcome.receipt ? <ReceiptView receipt={outcome.receipt} testId="console.plan.receipt" /> : null}
        {outcome?.kind === 'result' ? <ResultView result={outcome.result} connectionId={connection.id} as={outcome.as} sql={outcome.sql} /> : null}
      </div>
    </div>
  );
}

function ResultView({ result, connectionId, as, sql }: { result: ConsoleRunResult; connectionId: string; as?: Impersonation; sql: string }) {
  // Under View as, "0 rows" or a refused write is the question the explainer answers.
  const puzzling = as && (result.outcome ? result.outcome.kind !== 'rows' : result.rowCount === 0);
  const target = puzzling ? guessTarget(sql) : {};
  return (
    <div data-testid="console.result">
      {puzzling ? (
        <div className="why-empty" data-testid="console.why">
          {result.outcome ? describeOutcome(result.outcome) : '0 rows'} as {as.role} {as.userId.slice(0, 24)}.
          <WhyButton connectionId={connectionId} as={as} {...target} testId="console.why.open" />
        </div>
      ) : null}
      {result.outcome ? (
        <p className={`outcome outcome-${result.outcome.kind}`} data-testid="console.outcome" data-kind={result.outcome.kind}>
          {describeOutcome(result.outcome)}
          {result.outcome.kind === 'rows' ? (result.committed ? ' — committed' : ' — rolled back') : ''}
        </p>
      ) : (
        <p className="muted" data-testid="console.summary">
          {result.rowCount} row{result.rowCount === 1 ? '' : 's'}
          {result.truncated ? ' (more not shown)' : ''}
        </p>
      )}
      {result.notice ? <RunNoticeView notice={result.notice} testId="console.notice" /> : null}
      {result.receipt ? <ReceiptView receipt={result.receipt} testId="console.receipt" /> : null}
      {result.columns.length > 0 ? <ResultGrid columns={result.columns.map((c) => c.name)} rows={result.rows} /> : null}
    </div>
  );
}
