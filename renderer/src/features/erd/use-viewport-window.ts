import { useOnViewportChange, useStoreApi } from '@xyflow/react';
import { startTransition, useMemo, useState } from 'react';
import type { ErdGraph } from '../../../../shared/erd/types';
import { nodeSize } from './geometry';
import type { Positions } from './to-flow';

/** Diagram coordinates of the area React Flow is given: the viewport and one screen around it. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function areaAround(transform: readonly [number, number, number], width: number, height: number): Area {
  const [tx, ty, zoom] = transform;
  const w = width / zoom;
  const h = height / zoom;
  return { left: -tx / zoom - w, top: -ty / zoom - h, right: -tx / zoom + 2 * w, bottom: -ty / zoom + 2 * h };
}

/**
 * The tables of a big diagram React Flow holds, zoomed in: those in the area, the selected one
 * and its neighbours (so all its edges can be drawn). Zoomed out it holds none: the overview
 * canvas draws them.
 */
export function windowTables(graph: ErdGraph, positions: Positions, area: Area, selected: string | null): Set<string> {
  const ids = new Set<string>();
  for (const n of graph.nodes) {
    const p = positions.get(n.id);
    if (!p) continue;
    const { width, height } = nodeSize(n);
    if (p.x + width >= area.left && p.x <= area.right && p.y + height >= area.top && p.y <= area.bottom) ids.add(n.id);
  }
  if (selected !== null) {
    ids.add(selected);
    for (const e of graph.edges) {
      if (e.from === selected) ids.add(e.to);
      if (e.to === selected) ids.add(e.from);
    }
  }
  return ids;
}

/**
 * A big diagram hands React Flow only the tables around the viewport (null: a small one, all).
 * React Flow keeps every node it is given in its store and walks them all on each update: 3,000
 * nodes rebuilt when the zoom crosses into tables took a 100 ms task, and it draws every edge
 * whose two tables' box overlaps the screen (a hub's lines clear across the map). The area
 * moves when a pan or zoom ends, not on every frame; a pan within a screen never leaves it.
 */
export function useViewportWindow(graph: ErdGraph | undefined, positions: Positions | null, big: boolean, overview: boolean, selected: string | null): Set<string> | null {
  const store = useStoreApi();
  const [moves, setMoves] = useState(0);
  // A transition: React renders the newly held tables in slices, not in one long task.
  useOnViewportChange({ onEnd: () => startTransition(() => setMoves((m) => m + 1)) });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `moves` stands for the viewport, read from the store.
  return useMemo(() => {
    if (!big || !graph || !positions) return null;
    const { transform, width, height } = store.getState();
    return overview ? new Set<string>() : windowTables(graph, positions, areaAround(transform, width, height), selected);
  }, [big, graph, positions, overview, selected, store, moves]);
}
