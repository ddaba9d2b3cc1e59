import { useState } from 'react';
import type { ScreenProps } from '../shell/screens';
import { CompareView } from './compare-view';
import { MatrixView } from './matrix-view';
import { asWire, useViewAs } from './view-as-store';
import { WriteCheckView } from './write-check-view';
import './impersonate.css';

type Tab = 'matrix' | 'compare' | 'write';

/** Impersonate: the policy matrix, compare identities, and write checks, all through rlsDb. */
export function ImpersonateScreen({ connection }: ScreenProps) {
  const [tab, setTab] = useState<Tab>('matrix');
  const [viewAs] = useViewAs(connection.id);
  return (
    <div className="screen impersonate" data-testid="screen.impersonate">
      <div className="tabs" role="tablist">
        {(['matrix', 'compare', 'write'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className={tab === t ? 'tab active' : 'tab'} data-testid={`impersonate.tab.${t}`} onClick={() => setTab(t)}>
            {t === 'matrix' ? 'Policy matrix' : t === 'compare' ? 'Compare identities' : 'Write check'}
          </button>
        ))}
      </div>
      {tab === 'matrix' ? <MatrixView connectionId={connection.id} /> : null}
      {tab === 'compare' ? <CompareView connectionId={connection.id} /> : null}
      {tab === 'write' ? <WriteCheckView connectionId={connection.id} initial={asWire(viewAs)} /> : null}
    </div>
  );
}
