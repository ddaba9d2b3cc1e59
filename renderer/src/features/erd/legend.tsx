import { Panel } from '@xyflow/react';

/** What the edge styles and markers mean. */
export function Legend() {
  return (
    <Panel
      position="bottom-left"
      className="erd-legend"
      data-testid="erd.legend"
      title="Edge ends: N or 1 rows per reference (0..1 when the foreign key may be NULL). Column flags: ? nullable, U unique, D default."
    >
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
      <span className="muted">N·1 ends · ? U D flags</span>
    </Panel>
  );
}
