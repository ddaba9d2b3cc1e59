import { guessTarget, WhyButton } from '../explain/why-button';
import type { WhyTarget } from '../explain/why-dialog';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CompareFilter, CompareSource, Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import { ErrorView } from '../../components/error-view';
import { call, toAppError } from '../../lib/ipc';
import { consoleQueries } from '../../queries/console';
import { impersonationQueries } from '../../queries/impersonation';
import { RunNoticeView } from '../console/run-notice';
import { ExportCheck } from './export-check';
import { IdentityPicker, identityLabel } from './identity-picker';

/** The same table (with a filter) or query under 2–4 identities: counts, and rows only some see. */
export function CompareView({ connectionId }: { connectionId: string }) {
  const schema = useQuery(consoleQueries.schema(connectionId));
  const users = useQuery(impersonationQueries.users(connectionId, ''));
  const [mode, setMode] = useState<'table' | 'query'>('table');
  const [table, setTable] = useState('public.organization');
  const [filter, setFilter] = useState<CompareFilter>({ column: '', op: 'eq', value: '' });
  const [sql, setSql] = useState('select id, name from organization');
  const [identities, setIdentities] = useState<(Impersonation | null)[]>([null, null]);
  const emails = new Map((users.data?.users ?? []).map((u) => [u.id, u.email]));
  const [schemaName, tableName] = table.split('.') as [string, string];
  const columns = schema.data?.tables.find((t) => t.schema === schemaName && t.name === tableName)?.columns ?? [];
  const source: CompareSource =
    mode === 'table'
      ? { kind: 'table', schema: schemaName, table: tableName, filters: filter.column ? [filter] : [] }
      : { kind: 'query', sql };
  const run = useMutation({ mutationFn: (input: { source: CompareSource; identities: (Impersonation | null)[] }) => call('impersonation.compare', { connectionId, ...input }) });
  const result = run.data;
  return (
    <div className="compare" data-testid="impersonate.compare">
      <div className="toolbar">
        <select value={mode} onChange={(e) => setMode(e.target.value as 'table' | 'query')} data-testid="impersonate.compare.mode">
          <option value="table">table</option>
          <option value="query">query</option>
        </select>
        {mode === 'table' ? (
          <>
            <select value={table} onChange={(e) => setTable(e.target.value)} data-testid="impersonate.compare.table">
              {schema.data?.tables.map((t) => (
                <option key={`${t.schema}.${t.name}`} value={`${t.schema}.${t.name}`}>
                  {t.schema}.{t.name}
                </option>
              ))}
            </select>
            <select value={filter.column} onChange={(e) => setFilter({ ...filter, column: e.target.value })} data-testid="impersonate.compare.filter.column">
              <option value="">no filter</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {filter.column ? (
              <>
                <select value={filter.op} onChange={(e) => setFilter({ ...filter, op: e.target.value as CompareFilter['op'] })}>
                  {['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'like', 'ilike', 'is-null', 'not-null'].map((o) => (
                    <option key={o}>{o}</option>
                  ))}
                </select>
                <input value={filter.value ?? ''} onChange={(e) => setFilter({ ...filter, value: e.target.value })} data-testid="impersonate.compare.filter.value" />
              </>
            ) : null}
          </>
        ) : (
          <textarea className="compare-sql" value={sql} onChange={(e) => setSql(e.target.value)} data-testid="impersonate.compare.sql" rows={3} />
        )}
      </div>
      <div className="toolbar">
        {identities.map((identity, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identities are positional slots (the same identity may appear twice)
          <span key={`identity-${i}`} className="compare-identity">
            <IdentityPicker
              connectionId={connectionId}
              value={identity}
              testId={`impersonate.compare.identity.${i}`}
              onChange={(next) => setIdentities(identities.map((x, j) => (j === i ? next : x)))}
            />
            {identities.length > 2 ? (
              <button type="button" className="small" onClick={() => setIdentities(identities.filter((_, j) => j !== i))}>
                ✕
              </button>
            ) : null}
          </span>
        ))}
        {identities.length < 4 ? (
          <button type="button" className="small" data-testid="impersonate.compare.add" onClick={() => setIdentities([...identities, null])}>
            + identity
          </button>
        ) : null}
        <button type="button" data-testid="impersonate.compare.run" disabled={run.isPending} onClick={() => run.mutate({ source, identities })}>
          Compare
        </button>
      </div>
      {run.isError ? <ErrorView error={toAppError(run.error)} testId="impersonate.compare.error" /> : null}
      {result && run.variables ? (
        <div className="compare-result" data-testid="impersonate.compare.result">
          <table className="grid-table">
            <thead>
              <tr>
                <th>{result.keyColumns.join(', ')}</th>
                {result.identities.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one column per identity slot
                  <th key={`h${i}`} data-testid={`impersonate.compare.count.${i}`}>
                    {identityLabel(r.identity, emails)}
                    <br />
                    {r.count === null ? <span className="danger">{r.error?.code ?? 'error'}: {r.error?.message}</span> : `${r.count} rows`}
                    {r.notice ? <RunNoticeView notice={r.notice} testId={`impersonate.compare.notice.${i}`} /> : null}
                    {r.identity ? (
                      <WhyButton connectionId={connectionId} as={r.identity} {...whyTarget(run.variables.source)} testId={`impersonate.compare.why.${i}`} />
                    ) : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.differences.map((d) => (
                <tr key={JSON.stringify(d.key)} data-testid="impersonate.compare.difference">
                  <td>
                    <code>{d.key.join(', ')}</code>
                  </td>
                  {d.seenBy.map((seen, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one cell per identity slot
                    <td key={`s${i}`} className={seen ? 'seen' : 'unseen'}>
                      {seen ? '✓' : '—'}
                      {!seen && result.identities[i]?.identity && run.variables.source.kind === 'table' ? (
                        <WhyButton
                          connectionId={connectionId}
                          as={result.identities[i]?.identity ?? undefined}
                          {...whyTarget(run.variables.source)}
                          rowKey={d.key.map((k) => k ?? '')}
                          testId="impersonate.compare.why-row"
                        />
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted" data-testid="impersonate.compare.summary">
            {result.differences.length} row(s) seen by only some identities{result.differencesTruncated ? ' (truncated)' : ''}; {result.common} seen by all.
          </p>
          <ExportCheck
            connectionId={connectionId}
            defaultName={`compare ${run.variables.source.kind === 'table' ? run.variables.source.table : 'query'} as ${result.identities.length} identities`}
            check={{ kind: 'compare', source: run.variables.source, identities: run.variables.identities, counts: result.identities.map((r) => r.count) }}
          />
        </div>
      ) : null}
    </div>
  );
}

/** What the explainer should look at for a compared source: the table, or the query's first table. */
function whyTarget(source: CompareSource): WhyTarget {
  return source.kind === 'table' ? { schema: source.schema, table: source.table, command: 'select' } : guessTarget(source.sql);
}
