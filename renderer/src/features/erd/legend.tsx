import { Panel } from '@xyflow/react';

/** What the edge styles and markers mean. */
export function Legend() {
  return (
    <Panel position="bottom-left" className="erd-legend" data-testid="erd.legend">
      <span>
        <svg width="26" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="26" y2="4" className="both" />
        </svg>
        FK + relation
      </span>
      <span>
        <svg width="26" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="26" y2="4" className="fk-only" />
        </svg>
        FK, no relation
      </span>
      <span>
        <svg width="26" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="26" y2="4" className="relation-only" />
        </svg>
        relation, no FK
      </span>
      <span>
        <svg width="26" height="8" aria-hidden="true">
          <line x1="0" y1="4" x2="26" y2="4" className="drift" />
        </svg>
        drift
      </span>
      <span className="muted">N / 1: rows per reference · ? nullable · U unique · D default</span>
    </Panel>
  );
}
