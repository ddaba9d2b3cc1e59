import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { CatalogTable } from '../../../../shared/catalog';
import type { ErdTableDetails } from '../../../../shared/ipc/contracts/erd';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { erdQueries } from '../../queries/erd';
import { useViewAs } from '../impersonate/view-as-store';
import { ViewAsPanel } from '../impersonate/view-as-switch';
import { shortType } from './geometry';

// The side panel of one table: columns, indexes, constraints, policies with their SQL, grants,
// relations and drift, from the live catalog and the Drizzle schema. All names are text nodes.

interface TablePanelProps {
  connectionId: string;
  table: string;
  onClose: () => void;
  /** Opens the table in the Data screen, in its own PostgreSQL schema. */
  onOpenData?: (schema: string, table: string) => void;
  onSelect: (table: string) => void;
}

function Section({ title, count, children, testId }: { title: string; count?: number; children: ReactNode; testId: string }) {
  return (
    <section className="erd-panel-section" data-testid={testId}>
      <h3>
        {title}
        {count !== undefined ? <span className="erd-count">{count}</span> : null}
      </h3>
      {children}
    </section>
  );
}

function Columns({ live }: { live: CatalogTable }) {
  const pk = new Set(live.constraints.find((c) => c.kind === 'primary')?.columns ?? []);
  return (
    <table className="erd-panel-table">
      <thead>
        <tr>
          <th>Column</th>
          <th>Type</th>
          <th>Null</th>
          <th>Default</th>
        </tr>
      </thead>
      <tbody>
        {live.columns.map((c) => (
          <tr key={c.name}>
            <td className="mono">
              {pk.has(c.name) ? <span className="erd-mark pk">PK</span> : null} {c.name}
            </td>
            <td className="mono" title={c.type}>
              {shortType(c.type)}
            </td>
            <td>{c.nullable ? 'yes' : 'no'}</td>
            <td className="mono erd-wrap">{c.identity ? `identity ${c.identity}` : (c.default ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Policies({ live }: { live: CatalogTable }) {
  if (live.policies.length === 0) return <p className="muted">{live.rlsEnabled ? 'RLS is on and no policy exists: non-owners see no rows.' : 'No policies.'}</p>;
  return (
    <ul className="erd-policies">
      {live.policies.map((p) => (
        <li key={p.name} data-testid={`erd.panel.policy.${p.name}`}>
          <div className="erd-policy-head">
            <span className="mono strong">{p.name}</span>
            <span className="erd-badge policy">{p.command}</span>
            {!p.permissive ? <span className="erd-badge warn">RESTRICTIVE</span> : null}
          </div>
          <div className="muted">to {p.roles.join(', ')}</div>
          {p.using !== null ? (
            <>
              <div className="erd-sql-label">USING</div>
              <pre className="erd-sql">{p.using}</pre>
            </>
          ) : null}
          {p.withCheck !== null ? (
            <>
              <div className="erd-sql-label">WITH CHECK</div>
              <pre className="erd-sql">{p.withCheck}</pre>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Grants({ live }: { live: CatalogTable }) {
  const byRole = new Map<string, string[]>();
  for (const g of live.grants) {
    const list = byRole.get(g.grantee) ?? [];
    list.push(g.columns ? `${g.privilege} (${g.columns.join(', ')})` : g.privilege);
    byRole.set(g.grantee, list);
  }
  return (
    <table className="erd-panel-table">
      <tbody>
        {[...byRole].map(([role, privileges]) => (
          <tr key={role}>
            <td className="mono">{role}</td>
            <td className="erd-wrap">{privileges.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function References({ details, onSelect }: { details: ErdTableDetails; onSelect: (table: string) => void }) {
  const rows = [...details.outgoing.map((e) => ({ e, dir: 'out' as const })), ...details.incoming.map((e) => ({ e, dir: 'in' as const }))];
  if (rows.length === 0) return <p className="muted">No references.</p>;
  return (
    <ul className="erd-refs">
      {rows.map(({ e, dir }) => (
        <li key={`${dir}.${e.id}`}>
          <button type="button" className="link-button mono" onClick={() => onSelect(dir === 'out' ? e.to : e.from)}>
            {dir === 'out' ? `→ ${e.to}` : `← ${e.from}`}
          </button>{' '}
          <span className="mono muted">({e.fromColumns.join(', ')})</span> <span className={`erd-source ${e.source}`}>{e.source}</span>
          {e.onDelete ? <span className="muted"> · on delete {e.onDelete}</span> : null}
          {e.drift ? <span className="erd-drift-text"> · drift: {e.drift}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function TablePanel({ connectionId, table, onClose, onOpenData, onSelect }: TablePanelProps) {
  const query = useQuery(erdQueries.table(connectionId, table));
  const [viewAs, setViewAs] = useViewAs(connectionId);
  const [pickingIdentity, setPickingIdentity] = useState(false);
  const details = query.data;
  const live = details?.live ?? null;
  return (
    <aside className="erd-panel" data-testid="erd.panel" aria-label={`Table ${table}`}>
      <header className="erd-panel-header">
        <div className="erd-panel-title">
          <span className="mono strong" data-testid="erd.panel.title">
            {table}
          </span>
          {details ? <span className="muted">{details.domain}</span> : null}
        </div>
        <button type="button" className="icon-button" aria-label="Close" data-testid="erd.panel.close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="erd-panel-actions">
        <button type="button" className="small" data-testid="erd.panel.open-data" disabled={!onOpenData || !live} onClick={() => live && onOpenData?.(live.schema, live.name)}>
          Open data
        </button>
        <button
          type="button"
          className="small"
          data-testid="erd.panel.view-as"
          aria-expanded={pickingIdentity}
          disabled={!onOpenData || !live}
          onClick={() => setPickingIdentity((open) => !open)}
        >
          View as a role…
        </button>
      </div>
      {pickingIdentity && onOpenData ? (
        // The top bar's picker, preset for this table: picking an identity turns "View as" on
        // for the connection and opens the table in Data under it.
        <ViewAsPanel
          connectionId={connectionId}
          initialRole={viewAs?.role ?? 'user'}
          active={viewAs !== undefined}
          heading={`View ${table} as…`}
          onPick={(next) => {
            setViewAs(next);
            setPickingIdentity(false);
            if (live) onOpenData(live.schema, live.name);
          }}
          onStop={() => {
            setViewAs(undefined);
            setPickingIdentity(false);
          }}
        />
      ) : null}
      {query.isError ? <ErrorView error={toAppError(query.error)} testId="erd.panel.error" /> : null}
      {query.isPending ? <p className="muted">Loading…</p> : null}
      {details ? (
        <div className="erd-panel-body">
          {details.drift.length > 0 ? (
            <Section title="Drift" count={details.drift.length} testId="erd.panel.drift">
              <ul className="erd-drift-list">
                {details.drift.map((d) => (
                  <li key={`${d.kind}.${d.side}.${d.name ?? ''}`} className={`drift-${d.side}`}>
                    {d.message}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {live ? (
            <>
              <Section title="Columns" count={live.columns.length} testId="erd.panel.columns">
                <Columns live={live} />
              </Section>
              <Section title="Constraints" count={live.constraints.length} testId="erd.panel.constraints">
                <ul className="erd-plain">
                  {live.constraints.map((c) => (
                    <li key={c.name}>
                      <span className="mono">{c.name}</span> <span className="muted mono">{c.definition}</span>
                    </li>
                  ))}
                </ul>
              </Section>
              <Section title="Indexes" count={live.indexes.length} testId="erd.panel.indexes">
                <ul className="erd-plain">
                  {live.indexes.map((i) => (
                    <li key={i.name}>
                      <span className="mono">{i.name}</span> <span className="muted mono">{i.definition}</span>
                    </li>
                  ))}
                </ul>
              </Section>
              <Section title={`Policies · RLS ${live.rlsEnabled ? (live.rlsForced ? 'on, forced' : 'on') : 'off'}`} count={live.policies.length} testId="erd.panel.policies">
                <Policies live={live} />
              </Section>
              <Section title="Grants" testId="erd.panel.grants">
                <Grants live={live} />
              </Section>
            </>
          ) : (
            <p className="erd-drift-text">This table is defined in the schema but missing in the database.</p>
          )}
          <Section title="References" testId="erd.panel.references">
            <References details={details} onSelect={onSelect} />
          </Section>
          {details.schema ? (
            <Section title="Drizzle relations" count={details.schema.relations.length} testId="erd.panel.relations">
              <ul className="erd-plain">
                {details.schema.relations.map((r) => (
                  <li key={r.name}>
                    <span className="mono">
                      {details.schema?.exportName}.{r.name}
                    </span>{' '}
                    <span className="muted">
                      {r.kind} {r.target}
                      {r.fields ? ` (${r.fields.join(', ')} → ${(r.references ?? []).join(', ')})` : ' (unresolved)'}
                    </span>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
        </div>
      ) : null}
    </aside>
  );
}
