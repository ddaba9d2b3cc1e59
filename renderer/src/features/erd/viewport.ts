import { ALL_DOMAINS, type ErdGraph } from '../../../../shared/erd/types';
import { nodeSize } from './geometry';
import { GROUP_LABEL, GROUP_PADDING } from './layout-client';
import type { Positions } from './to-flow';

// Where the camera goes: fitted to the diagram (or the focused part), leaving the legend clear.

/** Room for the legend along the bottom. */
export const FIT_PADDING = { top: '24px', right: '24px', bottom: '52px', left: '24px' } as const;

/** The focused neighbourhood when focus is on, everything otherwise. */
export function fitOptions(visible: Set<string> | null) {
  return visible ? { padding: FIT_PADDING, nodes: [...visible].map((id) => ({ id })) } : { padding: FIT_PADDING };
}

/** Bounds of the laid-out nodes, with room for the domain frames of "all". */
export function boundsOf(graph: ErdGraph, positions: Positions) {
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  for (const n of graph.nodes) {
    const p = positions.get(n.id) ?? { x: 0, y: 0 };
    const s = nodeSize(n);
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x + s.width);
    y2 = Math.max(y2, p.y + s.height);
  }
  const frame = graph.domain === ALL_DOMAINS ? GROUP_PADDING : 0;
  const label = frame ? GROUP_LABEL : 0;
  return { x: x1 - frame, y: y1 - frame - label, width: x2 - x1 + 2 * frame, height: y2 - y1 + 2 * frame + label };
}

