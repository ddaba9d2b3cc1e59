import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApplyResult, Change } from '../../../../shared/ipc/contracts/records';
import type { AppError } from '../../../../shared/ipc/errors';
import { ErrorView } from '../../components/error-view';
import { Modal } from '../../components/modal';
import { call, toAppError } from '../../lib/ipc';
import type { TableRef } from '../../queries/records';

type Conflict = Extract<ApplyResult, { status: 'conflict' }>;

const layerLabels: Record<NonNullable<AppError['layer']>, string> = {
  zod: 'Zod validation',
  constraint: 'a database constraint',
  policy: 'a row-level security policy',
  grant: 'a missing GRANT',
  readonly: 'the read-only lock',
};

/** Which layer refused, in words, with the constraint's name when there is one. */
export function RefusalLayer({ error }: { error: AppError }) {
  if (!error.layer) return null;
  return (
    <div className="refusal-layer" data-testid="data.refusal.layer" data-layer={error.layer}>
      Refused by {layerLabels[error.layer]}
      {error.constraint ? (
        <>
          {' '}
          <code>{error.constraint}</code>
        </>
      ) : null}
      {error.issues?.length ? `: ${error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` : ''}. Your changes are still staged.
    </div>
  );
}

interface Props {
  tableRef: TableRef;
  changes: Change[];
  onApplied: () => void;
  onConflictResolved: (conflict: Conflict, choice: 'discard' | 'rebase') => void;
  onClose: () => void;
}

/** The SQL that will run (parameters shown separately, as bound), then one transaction. */
export function ChangesDialog({ tableRef, changes, onApplied, onConflictResolved, onClose }: Props) {
  const preview = useQuery({
    queryKey: ['records', 'preview', tableRef, changes],
    queryFn: () => call('records.preview', { ...tableRef, changes }),
    retry: false,
    gcTime: 0,
  });
  // "View as" (issue 7): impersonated changes are rolled back unless the user ticks Commit.
  const [commit, setCommit] = useState(false);
  const apply = useMutation({
    mutationFn: () => call('records.apply', { ...tableRef, changes, ...(tableRef.as ? { commit } : {}) }),
    onSuccess: (result) => {
      if (result.status === 'applied' && result.committed !== false) onApplied();
    },
  });
  const rolledBack = apply.data?.status === 'applied' && apply.data.committed === false ? apply.data : undefined;
  const conflict = apply.data?.status === 'conflict' ? apply.data : undefined;
  const deletes = changes.filter((c) => c.kind === 'delete').length;
  const error = preview.error ?? apply.error;

  return (
    <Modal
      title={conflict ? 'Conflict: nothing was applied' : `Review ${changes.length} staged change${changes.length === 1 ? '' : 's'}`}
      testId={conflict ? 'data.conflict' : 'data.preview'}
      width="wide"
      onClose={onClose}
      footer={
        conflict ? (
          <>
            <button type="button" data-testid="data.conflict.discard" onClick={() => onConflictResolved(conflict, 'discard')}>
              Discard my change to this row
            </button>
            {conflict.reason === 'changed' ? (
              <button type="button" className="primary" data-testid="data.conflict.rebase" onClick={() => onConflictResolved(conflict, 'rebase')}>
                Keep my values on the current version
              </button>
            ) : null}
          </>
        ) : (
          <>
            <button type="button" onClick={onClose}>
              Keep editing
            </button>
            {tableRef.as ? (
              <label title="Impersonated changes are rolled back unless you commit">
                <input type="checkbox" data-testid="data.apply.commit" checked={commit} onChange={(e) => setCommit(e.target.checked)} /> Commit as{' '}
                {tableRef.as.role}
              </label>
            ) : null}
            <button
              type="button"
              className={deletes > 0 ? 'danger' : 'primary'}
              data-testid="data.apply"
              disabled={!preview.isSuccess || apply.isPending}
              onClick={() => apply.mutate()}
            >
              {apply.isPending ? 'Applying…' : deletes > 0 ? `Apply (deletes ${deletes} row${deletes === 1 ? '' : 's'})` : 'Apply in one transaction'}
            </button>
          </>
        )
      }
    >
      {error ? (
        <>
          <ErrorView error={toAppError(error)} testId="data.apply.error" />
          <RefusalLayer error={toAppError(error)} />
        </>
      ) : null}
      {conflict ? <ConflictView conflict={conflict} /> : null}
      {rolledBack ? (
        <p className="muted" data-testid="data.apply.rolled-back">
          Ran as {tableRef.as?.role}: {rolledBack.updated} updated, {rolledBack.inserted} inserted, {rolledBack.deleted} deleted — rolled back,
          nothing saved. Tick “Commit” to keep it.
        </p>
      ) : null}
      {!conflict && preview.data ? (
        <ol className="sql-preview" data-testid="data.preview.sql">
          {preview.data.statements.map((s, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: statements are a fixed list in run order.
            <li key={i}>
              <pre className="mono">{s.sql}</pre>
              {s.params.length ? (
                <table className="params">
                  <tbody>
                    {s.params.map((p, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: $1..$n are positions.
                      <tr key={j}>
                        <td className="mono muted">${j + 1}</td>
                        <td className="mono">{p === null ? <span className="cell-null">NULL</span> : p.length > 300 ? `${p.slice(0, 300)}… (${p.length} chars)` : p}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </Modal>
  );
}

function ConflictView({ conflict }: { conflict: Conflict }) {
  return (
    <div className="conflict" data-testid="data.conflict.view" data-reason={conflict.reason}>
      <p className="conflict-message" data-testid="data.conflict.message">
        {conflict.message}
      </p>
      {conflict.diff.length ? (
        <table className="diff" data-testid="data.conflict.diff">
          <thead>
            <tr>
              <th>Column</th>
              <th>When you loaded it</th>
              <th>Your value</th>
              <th>Now in the database</th>
            </tr>
          </thead>
          <tbody>
            {conflict.diff.map((d) => (
              <tr key={d.column} data-testid={`data.conflict.diff.${d.column}`}>
                <td className="mono">{d.column}</td>
                <td className="mono">{d.original === undefined ? '—' : (d.original ?? 'NULL')}</td>
                <td className="mono diff-mine">{d.staged === undefined ? '—' : (d.staged ?? 'NULL')}</td>
                <td className="mono diff-theirs">{d.current ?? 'NULL'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
