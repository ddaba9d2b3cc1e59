import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './erd.css';
import { useEffect, useState } from 'react';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { erdQueries } from '../../queries/erd';
import type { ScreenProps } from '../shell/screens';
import { useShellActions } from '../shell/shell-actions';
import { warmUpLayout } from './layout-client';
import { requestOpenTable } from '../../lib/open-table';
import { Workspace } from './workspace';
import { ManagedChip } from '../../components/managed-chip';

// The Diagrams screen: the thirteen domains plus "all" on the left, one diagram on the right. On a
// database this project does not manage: its own groups (schemas, FK clusters) instead. Scopes (a
// table and its neighbours, a search) on both.

const labels: Record<string, string> = { all: 'All domains', mobile_app: 'mobile app', feature_flags: 'feature flags' };

/** `hops:2:film` -> "film · 2 hops", `search:pay` -> search “pay”. */
function scopeLabel(domain: string): string {
  const [, depth, ...table] = domain.split(':');
  return domain.startsWith('hops:') ? `${table.join(':')} · ${depth} ${depth === '1' ? 'hop' : 'hops'}` : `search “${domain.slice(7)}”`;
}

export function ErdScreen({ connection }: ScreenProps) {
  const shell = useShellActions();
  const domains = useQuery(erdQueries.domains(connection.id));
  const [domain, setDomain] = useState('all');
  const [scope, setScope] = useState('');
  const [compare, setCompare] = useState(false);
  const managed = domains.data?.managed;
  const unmanaged = managed?.state === 'unmanaged';

  // elk's first layout pays its start-up; pay it now, while the first graph is being fetched.
  useEffect(() => {
    void warmUpLayout().catch(() => undefined);
  }, []);

  // A migration changed the schema: main cleared its catalog cache and the app-wide listener
  // (queries/use-schema-changed.ts) invalidates this screen's graphs, which then redraw.

  const openData = (schema: string, table: string) => {
    requestOpenTable({ connectionId: connection.id, schema, table });
    shell.goTo('data');
  };
  const scoped = domain.startsWith('hops:') || domain.startsWith('search:');

  return (
    <div className="erd-screen" data-testid="erd.screen">
      <nav className="erd-domains" aria-label="Diagrams">
        <h3>Diagrams</h3>
        {managed ? (
          <div className="erd-managed" data-testid="erd.managed">
            <ManagedChip managed={managed} />
            {unmanaged ? (
              <label className="check" title="Overlay this project's schema and its drift on this database">
                <input type="checkbox" data-testid="erd.compare" checked={compare} onChange={(e) => setCompare(e.target.checked)} />
                Compare with our schema
              </label>
            ) : null}
          </div>
        ) : null}
        {!compare ? (
          <form
            className="erd-scope"
            onSubmit={(e) => {
              e.preventDefault();
              if (scope.trim()) setDomain(`search:${scope.trim()}`);
            }}
          >
            <input type="text" placeholder="Table or search" value={scope} data-testid="erd.scope.input" onChange={(e) => setScope(e.target.value)} />
            <button type="submit" className="small" data-testid="erd.scope.search" disabled={!scope.trim()}>
              Search
            </button>
            <button type="button" className="small" data-testid="erd.scope.hops" disabled={!scope.trim()} onClick={() => setDomain(`hops:2:${scope.trim()}`)}>
              2 hops
            </button>
          </form>
        ) : null}
        {domains.isError ? <ErrorView error={toAppError(domains.error)} testId="erd.domains.error" /> : null}
        <ul>
          {scoped ? (
            <li>
              <button type="button" className="erd-domain active" data-testid="erd.domain.scope" aria-current="page">
                <span>{scopeLabel(domain)}</span>
              </button>
            </li>
          ) : null}
          {(domains.data?.domains ?? []).map((d) => (
            <li key={d.name}>
              <button
                type="button"
                className={`erd-domain${d.name === domain ? ' active' : ''}${d.name === 'all' ? ' all' : ''}`}
                data-testid={`erd.domain.${d.name}`}
                aria-current={d.name === domain ? 'page' : undefined}
                onClick={() => setDomain(d.name)}
              >
                <span>{d.name === 'all' && unmanaged ? 'All tables' : (labels[d.name] ?? d.name)}</span>
                <span className="erd-count">{d.tables}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <ReactFlowProvider key={`${connection.id}/${domain}/${compare}`}>
        <Workspace connectionId={connection.id} domain={domain} compare={unmanaged && compare} onOpenData={openData} onOpenScope={setDomain} />
      </ReactFlowProvider>
    </div>
  );
}
