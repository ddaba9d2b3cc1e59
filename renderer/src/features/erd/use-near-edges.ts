import { useOnViewportChange, useStoreApi } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { ErdGraph } from '../../../../shared/erd/types';
import { nodeSize } from './geometry';
import type { ErdFlowEdge, Positions } from './to-flow';

/**
 * A big diagram's edges, zoomed in: those with both ends within a screen's width or height of
 * what is on screen, and every edge of the selected table. React Flow renders an edge whenever
 * the box spanning its two tables overlaps the screen; on a 3,000-table map that is every edge
 * of a hub drawn clear across it (300 lines through a dozen tables in view). The window moves
 * when a pan or zoom ends, not on every frame.
 */
export function useNearEdges(edges: ErdFlowEdge[], graph: ErdGraph | undefined, positions: Positions | null, active: boolean, selected: string | null): ErdFlowEdge[] {
  const store = useStoreApi();
  const [moves, setMoves] = useState(0);
  useOnViewportChange({ onEnd: () => setMoves((m) => m + 1) });
  const sizes = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [n.id, nodeSize(n)])), [graph]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `moves` stands for the viewport, read from the store.
  return useMemo(() => {
    if (!active || !positions) return edges;
    const { transform, width, height } = store.getState();
    const [tx, ty, zoom] = transform;
    const w = width / zoom;
    const h = height / zoom;
    const left = -tx / zoom - w;
    const top = -ty / zoom - h;
    const near = (id: string) => {
      const p = positions.get(id);
      const s = sizes.get(id);
      return p !== undefined && s !== undefined && p.x + s.width >= left && p.x <= left + 3 * w && p.y + s.height >= top && p.y <= top + 3 * h;
    };
    return edges.filter((e) => e.source === selected || e.target === selected || (near(e.source) && near(e.target)));
  }, [edges, active, positions, sizes, selected, store, moves]);
}
