import { useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef } from 'react';
import type { ErdGraph } from '../../../../shared/erd/types';
import { nodeSize } from './geometry';
import type { Positions, ViewState } from './to-flow';

// A big diagram zoomed out, drawn on one canvas: every table a box with its name, no columns,
// no edges. Thousands of React Flow nodes would each be a component with its own store
// subscription and drag handler: mounting 3,000 of them, or the hundreds a zoom-out brings into
// view, blocks the window for a second. One canvas draws 3,000 boxes in a few milliseconds on
// every pan and zoom, and the DOM holds React Flow nodes only when zoomed in (few on screen).

/** The name is drawn this big in diagram units (the compact node's title size). */
const NAME_SIZE = 26;
/** Below this many screen pixels a name is unreadable: boxes only, and map labels. */
const LEGIBLE_PX = 6;
/** Map labels: the best-connected tables' names at a fixed screen size, as a map names its cities. */
const LABEL_PX = 12;
const MAX_LABELS = 120;

export interface OverviewBox {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  stub: boolean;
  /** Foreign keys at this table, either end: who gets a map label first. */
  degree: number;
}

/** The boxes to draw: every laid-out table (focus mode: the focused ones only). */
export function overviewBoxes(graph: ErdGraph, positions: Positions, visible: Set<string> | null): OverviewBox[] {
  const degree = new Map<string, number>();
  for (const e of graph.edges) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const out: OverviewBox[] = [];
  for (const node of graph.nodes) {
    const p = positions.get(node.id);
    if (!p || (visible && !visible.has(node.id))) continue;
    const label = node.schema !== 'public' ? `${node.schema}.${node.table}` : node.table;
    out.push({ id: node.id, label, x: p.x, y: p.y, ...nodeSize(node), stub: node.stub, degree: degree.get(node.id) ?? 0 });
  }
  return out;
}

/** The box under a point in diagram coordinates (clicks on the overview select a table). */
export function boxAt(boxes: readonly OverviewBox[], x: number, y: number): OverviewBox | null {
  for (let i = boxes.length - 1; i >= 0; i--) {
    const b = boxes[i]!;
    if (x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height) return b;
  }
  return null;
}

interface Palette {
  fill: string;
  stub: string;
  border: string;
  accent: string;
  match: string;
  text: string;
  halo: string;
}

function palette(element: HTMLElement): Palette {
  const css = getComputedStyle(element);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    fill: v('--panel-3', '#272c33'),
    stub: v('--panel', '#181b1f'),
    border: v('--border-strong', '#3d444d'),
    accent: v('--accent', '#4493f8'),
    match: v('--warn', '#d29922'),
    text: v('--text-strong', '#f0f3f6'),
    halo: v('--bg', '#121417'),
  };
}

/** Names of the best-connected tables on screen, in screen pixels, none overlapping another. */
function drawLabels(
  ctx: CanvasRenderingContext2D,
  order: readonly OverviewBox[],
  [tx, ty, zoom]: [number, number, number],
  width: number,
  height: number,
  dpr: number,
  colors: Palette,
): void {
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.font = `600 ${LABEL_PX}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = colors.halo;
  ctx.fillStyle = colors.text;
  const placed: { x1: number; y1: number; x2: number; y2: number }[] = [];
  for (const b of order) {
    if (placed.length >= MAX_LABELS) break;
    const cx = tx + (b.x + b.width / 2) * zoom;
    const cy = ty + (b.y + b.height / 2) * zoom;
    if (cx < 0 || cy < 0 || cx > width || cy > height) continue;
    const w = ctx.measureText(b.label).width;
    const r = { x1: cx - w / 2 - 4, y1: cy - LABEL_PX, x2: cx + w / 2 + 4, y2: cy + LABEL_PX };
    if (placed.some((p) => r.x1 < p.x2 && r.x2 > p.x1 && r.y1 < p.y2 && r.y2 > p.y1)) continue;
    placed.push(r);
    ctx.strokeText(b.label, cx - w / 2, cy);
    ctx.fillText(b.label, cx - w / 2, cy);
  }
}

export function OverviewCanvas({ boxes, view }: { boxes: OverviewBox[]; view: Pick<ViewState, 'selected' | 'matches'> }) {
  const store = useStoreApi();
  const canvas = useRef<HTMLCanvasElement>(null);
  const labelOrder = useMemo(() => [...boxes].sort((a, b) => b.degree - a.degree), [boxes]);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext('2d');
    if (!element || !ctx) return;
    const colors = palette(element);
    let frame = 0;
    const draw = () => {
      frame = 0;
      const { transform, width, height } = store.getState();
      const [tx, ty, zoom] = transform;
      const dpr = window.devicePixelRatio || 1;
      if (element.width !== Math.round(width * dpr) || element.height !== Math.round(height * dpr)) {
        element.width = Math.round(width * dpr);
        element.height = Math.round(height * dpr);
      }
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      // The part of the diagram on screen: boxes outside it are skipped.
      const left = -tx / zoom;
      const top = -ty / zoom;
      const right = left + width / zoom;
      const bottom = top + height / zoom;
      const names = NAME_SIZE * zoom >= LEGIBLE_PX;
      ctx.lineWidth = 1 / zoom;
      ctx.font = `700 ${NAME_SIZE}px system-ui, sans-serif`;
      ctx.textBaseline = 'top';
      let drawn = 0;
      for (const b of boxes) {
        if (b.x > right || b.y > bottom || b.x + b.width < left || b.y + b.height < top) continue;
        drawn += 1;
        const selected = b.id === view.selected;
        ctx.fillStyle = b.stub ? colors.stub : colors.fill;
        ctx.fillRect(b.x, b.y, b.width, b.height);
        ctx.strokeStyle = selected ? colors.accent : view.matches.has(b.id) ? colors.match : colors.border;
        ctx.lineWidth = (selected || view.matches.has(b.id) ? 3 : 1) / zoom;
        ctx.strokeRect(b.x, b.y, b.width, b.height);
        if (names) {
          ctx.fillStyle = colors.text;
          ctx.fillText(b.label, b.x + 12, b.y + 10, b.width - 24);
        }
      }
      if (!names) drawLabels(ctx, labelOrder, transform, width, height, dpr, colors);
      element.dataset.drawn = String(drawn);
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    schedule();
    const unsubscribe = store.subscribe(schedule);
    return () => {
      unsubscribe();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [boxes, labelOrder, view, store]);

  return (
    <canvas
      ref={canvas}
      className="erd-overview"
      data-testid="erd.overview"
      data-tables={boxes.length}
      role="img"
      aria-label={`Overview of ${boxes.length} tables: zoom in or search to read them`}
    />
  );
}
