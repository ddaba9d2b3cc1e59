import { BaseEdge, type EdgeProps, getBezierPath, Position } from '@xyflow/react';
import { memo } from 'react';
import type { ErdEdge } from '../../../../shared/erd/types';
import type { ErdFlowEdge } from './to-flow';

// A reference between two tables: solid when the database enforces it and Drizzle knows it,
// amber when one side is missing (FK without relation, relation without FK), red when the
// catalog and the schema disagree. The ends say how many: N (or 1) at the referencing table,
// 1 (0..1 when the FK may be NULL) at the referenced one.

export function edgeClass(edge: ErdEdge, showDrift: boolean): string {
  if (showDrift && edge.drift) return 'drift';
  return edge.source === 'fk+relation' ? 'both' : edge.source === 'fk-only' ? 'fk-only' : 'relation-only';
}

export function endLabels(edge: ErdEdge): { from: string; to: string } {
  return { from: edge.fromCardinality === 'many' ? 'N' : '1', to: edge.optional ? '0..1' : '1' };
}

function loopPath(x1: number, y1: number, x2: number, y2: number): string {
  const reach = 48 + Math.abs(y2 - y1) / 4;
  return `M ${x1} ${y1} C ${x1 + reach} ${y1}, ${x2 + reach} ${y2}, ${x2} ${y2}`;
}

function ErdEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<ErdFlowEdge>) {
  if (!data) return null;
  const { edge, emphasis, showDrift, slot } = data;
  const self = edge.from === edge.to;
  const [path] = self
    ? [loopPath(sourceX, sourceY, targetX, targetY)]
    : getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, curvature: 0.35 });
  const labels = endLabels(edge);
  const offset = (position: Position) => (position === Position.Left ? -12 : 12);
  const anchor = (position: Position) => (position === Position.Left ? 'end' : 'start');
  const title = `${edge.from}(${edge.fromColumns.join(', ')}) → ${edge.to}(${edge.toColumns.join(', ')}) · ${edge.source}${
    edge.drift ? ` · drift: ${edge.drift}` : ''
  }${edge.onDelete ? ` · on delete ${edge.onDelete}` : ''}`;
  return (
    <g
      className={`erd-edge ${edgeClass(edge, showDrift)} em-${emphasis}`}
      data-testid={`erd.edge.${edge.from}.${edge.to}`}
      data-edge-id={edge.id}
      data-source={edge.source}
    >
      <title>{title}</title>
      <BaseEdge id={id} path={path} interactionWidth={12} />
      <text className="erd-end" x={sourceX + offset(sourcePosition)} y={sourceY - 4} textAnchor={anchor(sourcePosition)}>
        {labels.from}
      </text>
      {/* Many edges into one key (user.id): three stacked labels say it, thirty would be noise. */}
      {slot < 3 ? (
        <text className="erd-end" x={targetX + offset(targetPosition)} y={targetY - 4 - slot * 11} textAnchor={anchor(targetPosition)}>
          {labels.to}
        </text>
      ) : null}
    </g>
  );
}

export const ErdEdgeComponent = memo(ErdEdgeView);
