import { getViewportForBounds, type Viewport } from '@xyflow/react';
import { ALL_DOMAINS, type ErdGraph } from '../../../../shared/erd/types';
import { nodeSize } from './geometry';
import { GROUP_LABEL, GROUP_PADDING } from './layout-client';
import type { Positions } from './to-flow';

// Where the camera goes: fitted to the diagram (or the focused part), leaving the legend clear.
// Computed from the layout, not from React Flow's nodes: a big diagram hands React Flow only
// the tables around the viewport (use-viewport-window.ts).

/** Room for the legend along the bottom. */
export const FIT_PADDING = { top: '24px', right: '24px', bottom: '52px', left: '24px' } as const;

/** Bounds of the laid-out nodes (the focused ones when focus is on), with room for the domain frames of "all". */
export function boundsOf(graph: ErdGraph, positions: Positions, visible: Set<string> | null = null) {
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  for (const n of graph.nodes) {
    if (visible && !visible.has(n.id)) continue;
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

/** The viewport that shows those bounds in a canvas of this size, zoomed no further out than `least` nor in than `most`. */
export function fittedViewport(
  graph: ErdGraph,
  positions: Positions,
  visible: Set<string> | null,
  canvas: { width: number; height: number },
  least: number,
  most: number,
): Viewport {
  return getViewportForBounds(boundsOf(graph, positions, visible), canvas.width, canvas.height, least, most, FIT_PADDING);
}
