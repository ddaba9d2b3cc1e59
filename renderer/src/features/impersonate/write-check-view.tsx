import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { describeOutcome, type Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import { ErrorView } from '../../components/error-view';
import { call, toAppError } from '../../lib/ipc';
import { guessTarget, WhyButton } from '../explain/why-button';
import { ExportCheck } from './export-check';
import { IdentityPicker } from './identity-picker';
import { ReceiptView } from './receipt-view';

/** A write under an identity, rolled back unless committed, with what really happened (EDIT-08). */
export function WriteCheckView({ connectionId, initial }: { connectionId: string; initial: Impersonation | undefined }) {
  const [identity, setIdentity] = useState<Impersonation | null>(initial ?? null);
  const [sql, setSql] = useState(`update organization set name = name || ' (edited)' where id = ''`);
  const [commit, setCommit] = useState(false);
  const run = useMutation({
    mutationFn: (input: { as: Impersonation; sql: string; commit: boolean }) => call('impersonation.write', { connectionId, ...input }),
  });
  return (
    <div className="write-check" data-testid="impersonate.write">
      <div className="toolbar">
        <IdentityPicker connectionId={connectionId} value={identity} onChange={setIdentity} testId="impersonate.write.identity" allowPlain={false} />
        <label>
          <input type="checkbox" checked={commit} onChange={(e) => setCommit(e.target.checked)} data-testid="impersonate.write.commit" /> Commit
        </label>
        <button
          type="button"
          data-testid="impersonate.write.run"
          disabled={!identity || run.isPending}
          onClick={() => identity && run.mutate({ as: identity, sql, commit })}
        >
          {commit ? 'Run and commit' : 'Try (rolled back)'}
        </button>
      </div>
      <textarea className="compare-sql" rows={4} value={sql} onChange={(e) => setSql(e.target.value)} data-testid="impersonate.write.sql" />
      {run.isError ? <ErrorView error={toAppError(run.error)} testId="impersonate.write.error" /> : null}
      {run.data && run.variables ? (
        <div>
          <p className={`outcome outcome-${run.data.outcome.kind}`} data-testid="impersonate.write.outcome" data-kind={run.data.outcome.kind}>
            {describeOutcome(run.data.outcome)}
            {run.data.outcome.kind === 'rows' ? (run.data.committed ? ' — committed' : ' — rolled back') : ''}
          </p>
          {run.data.outcome.kind !== 'rows' && run.data.outcome.kind !== 'no-match' ? (
            <WhyButton
              connectionId={connectionId}
              as={run.variables.as}
              {...guessTarget(run.variables.sql)}
              {...('table' in run.data.outcome && run.data.outcome.table ? { table: run.data.outcome.table } : {})}
              testId="impersonate.write.why"
            />
          ) : null}
          {run.data.receipt ? <ReceiptView receipt={run.data.receipt} testId="impersonate.write.receipt" /> : null}
          <ExportCheck
            connectionId={connectionId}
            defaultName={`write as ${run.variables.as.role} ${run.variables.as.userId.slice(0, 24)}`}
            check={{ kind: 'write', as: run.variables.as, sql: run.variables.sql, outcome: run.data.outcome }}
          />
        </div>
      ) : null}
    </div>
  );
}
