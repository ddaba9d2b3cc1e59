import { useQuery, useQueryClient } from '@tanstack/react-query';
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

// The Diagrams screen: the thirteen domains plus "all" on the left, one diagram on the right.

const labels: Record<string, string> = { all: 'All domains', mobile_app: 'mobile app', feature_flags: 'feature flags' };

export function ErdScreen({ connection }: ScreenProps) {
  const _queryClient = useQueryClient();
  const shell = useShellActions();
  const domains = useQuery(erdQueries.domains());
  const [domain, setDomain] = useState('all');

  // elk's first layout pays its start-up; pay it now, while the first graph is being fetched.
  useEffect(() => {
    void warmUpLayout().catch(() => undefined);
  }, []);

  // A migration changed the schema: main cleared its catalog cache and the app-wide listener
  // (queries/use-schema-changed.ts) invalidates this screen's graphs, which then redraw.

  const openData = (table: string) => {
    requestOpenTable({ connectionId: connection.id, table });
    shell.goTo('data');
  };

  return (
    <div className="erd-screen" data-testid="erd.screen">
      <nav className="erd-domains" aria-label="Diagrams">
        <h3>Diagrams</h3>
        {domains.isError ? <ErrorView error={toAppError(domains.error)} testId="erd.domains.error" /> : null}
        <ul>
          {(domains.data?.domains ?? []).map((d) => (
            <li key={d.name}>
              <button
                type="button"
                className={`erd-domain${d.name === domain ? ' active' : ''}${d.name === 'all' ? ' all' : ''}`}
                data-testid={`erd.domain.${d.name}`}
                aria-current={d.name === domain ? 'page' : undefined}
                onClick={() => setDomain(d.name)}
              >
                <span>{labels[d.name] ?? d.name}</span>
                <span className="erd-count">{d.tables}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <ReactFlowProvider key={`${connection.id}/${domain}`}>
        <Workspace connectionId={connection.id} domain={domain} onOpenData={openData} />
      </ReactFlowProvider>
    </div>
  );
}
