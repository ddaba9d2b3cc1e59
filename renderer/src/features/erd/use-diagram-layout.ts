import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErdGraph } from '../../../../shared/erd/types';
import type { NodePosition } from '../../../../shared/ipc/contracts/erd';
import { layout } from './layout-client';
import { layoutInput, type Positions } from './to-flow';

export interface LayoutTiming {
  /** elk in the worker (0 when every node had a saved position). */
  layoutMs: number;
  /** Graph in hand -> positions computed -> nodes committed, view fitted and painted. */
  totalMs: number;
}

/**
 * Positions for a graph: saved ones where the user placed a node, elk's for the rest. Runs elk
 * only when some node has no saved position (or on reset).
 */
export function useDiagramLayout(
  graph: ErdGraph | undefined,
  saved: readonly NodePosition[] | undefined,
  /** Runs in the same tick as the positions commit: lets the canvas set its fitted viewport first. */
  beforeCommit?: (graph: ErdGraph, positions: Positions) => void,
) {
  const [positions, setPositions] = useState<Positions | null>(null);
  const [version, setVersion] = useState(0);
  const [timing, setTiming] = useState<LayoutTiming | null>(null);
  const [error, setError] = useState<unknown>(null);
  const started = useRef(0);
  const pendingTiming = useRef<number | null>(null);
  const run = useRef(0);

  const compute = useCallback(
    async (useSaved: boolean) => {
      if (!graph) return;
      const ticket = ++run.current;
      started.current = performance.now();
      setError(null);
      try {
        const savedMap = new Map(useSaved ? (saved ?? []).map((p) => [p.id, { x: p.x, y: p.y }]) : []);
        const complete = graph.nodes.every((n) => savedMap.has(n.id));
        let layoutMs = 0;
        let next: Positions = new Map();
        if (!complete) {
          const result = await layout(layoutInput(graph));
          layoutMs = result.ms;
          next = result.positions;
        }
        for (const [id, p] of savedMap) if (graph.nodes.some((n) => n.id === id)) next.set(id, p);
        if (ticket !== run.current) return;
        beforeCommit?.(graph, next);
        pendingTiming.current = layoutMs;
        setPositions(next);
        setVersion((v) => v + 1);
      } catch (err) {
        if (ticket === run.current) setError(err);
      }
    },
    [graph, saved, beforeCommit],
  );

  useEffect(() => {
    if (graph && saved) void compute(true);
  }, [graph, saved, compute]);

  /** Called by the canvas once the new layout is fitted and painted: closes the measurement. */
  const painted = useCallback(() => {
    if (pendingTiming.current === null) return;
    const layoutMs = pendingTiming.current;
    pendingTiming.current = null;
    setTiming({ layoutMs, totalMs: performance.now() - started.current });
  }, []);

  const move = useCallback((id: string, p: { x: number; y: number }) => {
    setPositions((current) => {
      if (!current) return current;
      const next = new Map(current);
      next.set(id, p);
      return next;
    });
  }, []);

  return { positions, version, timing, error, relayout: () => compute(false), move, painted };
}
