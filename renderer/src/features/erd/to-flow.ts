import { type Edge, type Node, type NodeHandle, Position } from '@xyflow/react';
import { ALL_DOMAINS, type ErdEdge, type ErdGraph, type ErdNode } from '../../../../shared/erd/types';
import { HEADER_HEIGHT, nodeSize, rowCenter } from './geometry';
import { GROUP_LABEL, GROUP_PADDING, type LayoutInput } from './layout-client';

// ErdGraph + positions + view state -> React Flow nodes and edges. Pure; node data is plain
// data (no functions), as React Flow and the architecture ask.

export type Emphasis = 'normal' | 'selected' | 'related' | 'dimmed';

export interface TableNodeData extends Record<string, unknown> {
  node: ErdNode;
  emphasis: Emphasis;
  match: boolean;
  showDrift: boolean;
  /** Columns an edge starts or ends at: only these get connection handles. */
  linked: string[];
  /** Zoomed far out: draw the name only; edges attach to the node, not to column rows. */
  compact: boolean;
}

export interface ErdEdgeData extends Record<string, unknown> {
  edge: ErdEdge;
  emphasis: Emphasis;
  showDrift: boolean;
  /** Position of this edge among the edges ending at the same handle: stacks their end labels. */
  slot: number;
}

export type TableFlowNode = Node<TableNodeData, 'table'>;
export type ErdFlowEdge = Edge<ErdEdgeData, 'erd'>;

export interface ViewState {
  selected: string | null;
  /** Tables to show (focus mode); null shows all. */
  visible: Set<string> | null;
  matches: Set<string>;
  showDrift: boolean;
  compact: boolean;
}

export type Positions = Map<string, { x: number; y: number }>;

/** Below this zoom a node's rows are unreadable: draw names only (and far fewer DOM nodes). */
export const COMPACT_ZOOM = 0.4;
/** Where column rows become legible (11.5px text at 60%). */
export const READABLE_ZOOM = 0.6;
/**
 * More tables than this make a big diagram: React Flow holds only the tables around the viewport
 * (use-viewport-window.ts) and renders only those on screen, and below READABLE_ZOOM the tables
 * are drawn by the overview canvas (overview-canvas.tsx) instead.
 */
export const BIG_DIAGRAM = 200;

/** Handle id of a column row; column '' is the node's own handle (header height, used when compact). */
export function handleId(column: string, side: 'l' | 'r', kind: 's' | 't'): string {
  return `${kind}:${side}:${column}`;
}

/**
 * Where edges attach, computed from the geometry as the nodes' <Handle>s sit (6 px, centred on
 * the border, erd.css): the node's own pair at header height and one per linked column row.
 * React Flow renders every node whose handles it has not measured yet, visible or not, just to
 * measure them; with these given, `onlyRenderVisibleElements` renders only what is on screen
 * (and edges to tables off screen still know where to end). A mounted node is measured as usual.
 */
export function nodeHandles(node: ErdNode, linked: readonly string[]): NodeHandle[] {
  const { width } = nodeSize(node);
  const rows: [string, number][] = [['', HEADER_HEIGHT / 2], ...linked.map((c): [string, number] => [c, rowCenter(node, c)])];
  return rows.flatMap(([column, y]) =>
    (['l', 'r'] as const).flatMap((side) =>
      (['s', 't'] as const).map((kind) => ({
        id: handleId(column, side, kind),
        type: kind === 's' ? ('source' as const) : ('target' as const),
        position: side === 'l' ? Position.Left : Position.Right,
        x: (side === 'l' ? 0 : width) - HANDLE / 2,
        y: y - HANDLE / 2,
        width: HANDLE,
        height: HANDLE,
      })),
    ),
  );
}

/** A handle's size in erd.css. */
const HANDLE = 6;

const handleCache = new WeakMap<ErdGraph, Map<string, { linked: string[]; handles: NodeHandle[] }>>();

/** Linked columns and handles per node of a graph, once per graph (view changes rebuild the nodes, not these). */
function handlesOf(graph: ErdGraph): Map<string, { linked: string[]; handles: NodeHandle[] }> {
  const hit = handleCache.get(graph);
  if (hit) return hit;
  const linked = new Map<string, Set<string>>();
  const add = (table: string, column: string | undefined) => {
    if (column === undefined) return;
    const set = linked.get(table) ?? new Set<string>();
    set.add(column);
    linked.set(table, set);
  };
  for (const e of graph.edges) {
    add(e.from, e.fromColumns[0]);
    add(e.to, e.toColumns[0]);
  }
  const out = new Map(
    graph.nodes.map((n) => {
      const columns = [...(linked.get(n.id) ?? [])];
      return [n.id, { linked: columns, handles: nodeHandles(n, columns) }];
    }),
  );
  handleCache.set(graph, out);
  return out;
}

export function toFlowNodes(graph: ErdGraph, positions: Positions, view: ViewState): TableFlowNode[] {
  const handles = handlesOf(graph);
  const related = relatedTables(graph, view.selected);
  return graph.nodes.map((node) => {
    const { width, height } = nodeSize(node);
    const emphasis: Emphasis =
      view.selected === null ? 'normal' : node.id === view.selected ? 'selected' : related.has(node.id) ? 'related' : 'dimmed';
    return {
      id: node.id,
      type: 'table',
      position: positions.get(node.id) ?? { x: 0, y: 0 },
      width,
      height,
      // Size and handles known up front: nothing is rendered just to be measured (see nodeHandles).
      measured: { width, height },
      handles: handles.get(node.id)?.handles ?? [],
      hidden: view.visible !== null && !view.visible.has(node.id),
      data: {
        node,
        emphasis,
        match: view.matches.has(node.id),
        showDrift: view.showDrift,
        linked: handles.get(node.id)?.linked ?? [],
        compact: view.compact,
      },
    };
  });
}

function relatedTables(graph: ErdGraph, selected: string | null): Set<string> {
  const out = new Set<string>();
  if (selected === null) return out;
  for (const e of graph.edges) {
    if (e.from === selected) out.add(e.to);
    if (e.to === selected) out.add(e.from);
  }
  return out;
}

export function toFlowEdges(graph: ErdGraph, positions: Positions, view: ViewState): ErdFlowEdge[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const centerX = (id: string) => (positions.get(id)?.x ?? 0) + nodeSize(byId.get(id) ?? { stub: false, columns: [] }).width / 2;
  const slots = new Map<string, number>();
  return graph.edges.map((edge) => {
    // Attach each end on the side facing the other table; a self reference loops on the right.
    const self = edge.from === edge.to;
    const fromIsRight = centerX(edge.from) > centerX(edge.to);
    const sourceSide = self ? 'r' : fromIsRight ? 'l' : 'r';
    const targetSide = self ? 'r' : fromIsRight ? 'r' : 'l';
    const emphasis: Emphasis =
      view.selected === null ? 'normal' : edge.from === view.selected || edge.to === view.selected ? 'selected' : 'dimmed';
    const hidden = view.visible !== null && !(view.visible.has(edge.from) && view.visible.has(edge.to));
    const targetHandle = handleId(view.compact ? '' : (edge.toColumns[0] ?? ''), targetSide, 't');
    const slotKey = `${edge.to}\u0000${targetHandle}`;
    const slot = slots.get(slotKey) ?? 0;
    slots.set(slotKey, slot + 1);
    return {
      id: edge.id,
      type: 'erd',
      source: edge.from,
      target: edge.to,
      sourceHandle: handleId(view.compact ? '' : (edge.fromColumns[0] ?? ''), sourceSide, 's'),
      targetHandle,
      hidden,
      zIndex: emphasis === 'selected' ? 1 : 0,
      data: { edge, emphasis, showDrift: view.showDrift, slot },
    };
  });
}

/** What elk needs: sizes, edges from the referenced table to the referencing one, domain groups for "all". */
export function layoutInput(graph: ErdGraph): LayoutInput {
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, ...nodeSize(n) })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.to, target: e.from })),
    groups: graph.domain === ALL_DOMAINS ? new Map(graph.nodes.map((n) => [n.id, n.domain])) : undefined,
  };
}

export interface FrameNodeData extends Record<string, unknown> {
  domain: string;
  tables: number;
}
export type FrameFlowNode = Node<FrameNodeData, 'frame'>;

/**
 * In "all", a labelled frame around each domain's tables: the bounding box of its nodes as they
 * are now, so it follows a dragged table. Frames are decoration: not draggable, not clickable.
 */
export function toFrameNodes(graph: ErdGraph, positions: Positions, visible: Set<string> | null): FrameFlowNode[] {
  if (graph.domain !== ALL_DOMAINS) return [];
  const boxes = new Map<string, { x1: number; y1: number; x2: number; y2: number; tables: number }>();
  for (const n of graph.nodes) {
    if (visible && !visible.has(n.id)) continue;
    const p = positions.get(n.id);
    if (!p) continue;
    const { width, height } = nodeSize(n);
    const b = boxes.get(n.domain) ?? { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity, tables: 0 };
    boxes.set(n.domain, { x1: Math.min(b.x1, p.x), y1: Math.min(b.y1, p.y), x2: Math.max(b.x2, p.x + width), y2: Math.max(b.y2, p.y + height), tables: b.tables + 1 });
  }
  const pad = GROUP_PADDING;
  return [...boxes].map(([domain, b]) => ({
    id: `__frame:${domain}`,
    type: 'frame',
    position: { x: b.x1 - pad, y: b.y1 - pad - GROUP_LABEL },
    width: b.x2 - b.x1 + 2 * pad,
    height: b.y2 - b.y1 + 2 * pad + GROUP_LABEL,
    draggable: false,
    selectable: false,
    focusable: false,
    zIndex: -1,
    data: { domain, tables: b.tables },
  }));
}
