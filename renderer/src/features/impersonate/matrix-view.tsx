import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type AppRole, type Command, commands, type MatrixTable } from '../../../../shared/ipc/contracts/impersonation';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { impersonationQueries } from '../../queries/impersonation';
import { WhyButton } from '../explain/why-button';
import { asWire, useViewAs } from './view-as-store';

const stateLabel: Record<string, string> = {
  'no-grant': '✕',
  'no-policy': '∅',
  all: '●',
  conditional: '◐',
  'rls-off': '!',
};

const stateTitle: Record<string, string> = {
  'no-grant': 'no GRANT: 42501',
  'no-policy': 'RLS on, no policy: 0 rows / WITH CHECK fails',
  all: 'every row',
  conditional: 'rows the policy allows',
  'rls-off': 'RLS off: every granted row',
};

/** table × command × role from the catalog, grouped by domain; holes highlighted; a cell shows its policies' SQL. */
export function MatrixView({ connectionId }: { connectionId: string }) {
  const matrix = useQuery(impersonationQueries.matrix(connectionId));
  const [picked, setPicked] = useState<{ table: MatrixTable; role: string; command: Command } | null>(null);
  if (matrix.isPending) return <p className="muted">Reading pg_policies, grants and RLS flags…</p>;
  if (matrix.isError) return <ErrorView error={toAppError(matrix.error)} testId="impersonate.matrix.error" />;
  const { roles, domains } = matrix.data;
  return (
    <div className="matrix-layout">
      <div className="matrix-scroll">
        <table className="matrix" data-testid="impersonate.matrix">
          <thead>
            <tr>
              <th rowSpan={2}>table</th>
              {roles.map((r) => (
                <th key={r} colSpan={4}>
                  {r}
                </th>
              ))}
            </tr>
            <tr>
              {roles.flatMap((r) =>
                commands.map((c) => (
                  <th key={`${r}.${c}`} className="matrix-cmd">
                    {c.slice(0, 3)}
                  </th>
                )),
              )}
            </tr>
          </thead>
          {domains.map((d) => (
            <tbody key={d.domain} data-testid={`impersonate.matrix.domain.${d.domain}`}>
              <tr className="matrix-domain">
                <th colSpan={1 + roles.length * 4}>{d.domain}</th>
              </tr>
              {d.tables.map((t) => (
                <tr key={`${t.schema}.${t.table}`} className={t.holes.length ? 'matrix-hole-row' : ''} data-testid={`impersonate.matrix.row.${t.table}`}>
                  <th className="matrix-table" title={t.holes.map((h) => h.message).join('\n')}>
                    {t.table}
                    {!t.rlsEnabled ? <span className="badge badge-danger">RLS off</span> : null}
                    {t.holes.length ? <span className="badge badge-warn">{t.holes.length} hole{t.holes.length > 1 ? 's' : ''}</span> : null}
                  </th>
                  {roles.flatMap((r) =>
                    commands.map((c) => {
                      const cell = t.cells[r]?.[c];
                      if (!cell) return <td key={`${r}.${c}`} />;
                      const hole = t.holes.some((h) => h.role === r && h.command === c);
                      return (
                        <td key={`${r}.${c}`} className={`matrix-cell cell-${cell.state}${hole ? ' cell-hole' : ''}`}>
                          <button
                            type="button"
                            title={`${r} ${c}: ${stateTitle[cell.state]}${cell.grant === 'columns' ? ' (column grant)' : ''}`}
                            data-testid={`impersonate.matrix.cell.${t.table}.${r}.${c}`}
                            data-state={cell.state}
                            onClick={() => setPicked({ table: t, role: r, command: c })}
                          >
                            {stateLabel[cell.state]}
                          </button>
                        </td>
                      );
                    }),
                  )}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <aside className="matrix-side" data-testid="impersonate.matrix.side">
        <Legend />
        {picked ? <CellDetail {...picked} connectionId={connectionId} /> : <p className="muted">Click a cell for its policies' SQL.</p>}
      </aside>
    </div>
  );
}

function Legend() {
  return (
    <ul className="matrix-legend">
      {Object.entries(stateTitle).map(([k, v]) => (
        <li key={k}>
          <span className={`matrix-cell cell-${k}`}>{stateLabel[k]}</span> {v}
        </li>
      ))}
    </ul>
  );
}

/** The app role rlsDb maps to each PostgreSQL role (anon is not reachable through rlsDb). */
const appRoleOf: Record<string, AppRole | undefined> = { authenticated: 'user', admin: 'admin', support: 'support' };

function CellDetail({ table, role, command, connectionId }: { table: MatrixTable; role: string; command: Command; connectionId: string }) {
  const [viewAs] = useViewAs(connectionId);
  const appRole = appRoleOf[role];
  // The View as user when its role is this column's; otherwise the dialog asks for a user.
  const current = asWire(viewAs);
  const as = appRole ? (current && current.role === appRole ? current : { role: appRole, userId: current?.userId ?? '' }) : undefined;
  const cell = table.cells[role]?.[command];
  const policies = table.policies.filter((p) => cell?.policies.includes(p.name));
  const holes = table.holes.filter((h) => !h.role || (h.role === role && (!h.command || h.command === command)));
  return (
    <div data-testid="impersonate.matrix.detail">
      <h3>
        {table.schema}.{table.table} · {role} · {command}
      </h3>
      <p>
        {stateTitle[cell?.state ?? 'no-grant']} · grant: {cell?.grant} · RLS {table.rlsEnabled ? 'on' : 'off'}
        {table.rlsForced ? ' (forced)' : ''} · owner {table.owner}
      </p>
      {as ? (
        <WhyButton
          connectionId={connectionId}
          as={as.userId ? as : undefined}
          schema={table.schema}
          table={table.table}
          command={command}
          testId="impersonate.matrix.why"
          label={`Why? (as ${role})`}
        />
      ) : (
        <p className="muted">rlsDb cannot act as {role}: no explainer for it.</p>
      )}
      {holes.map((h) => (
        <p key={`${h.code}${h.role ?? ''}${h.command ?? ''}`} className="hole" data-testid="impersonate.matrix.hole">
          {h.message}
        </p>
      ))}
      {policies.length === 0 ? <p className="muted">No policy applies.</p> : null}
      {policies.map((p) => (
        <pre key={p.name} className="policy-sql" data-testid="impersonate.matrix.policy-sql">
          {p.sql}
        </pre>
      ))}
    </div>
  );
}
