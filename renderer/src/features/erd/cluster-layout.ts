import { HUB_DEGREE } from '../../../../shared/erd/scope';

// The layout of a big diagram (hundreds to thousands of tables), in linear time. elk's layered
// layout puts every table of a tree-shaped schema into a handful of layers, so 400 tables came
// out as a column 31,000 px tall (1:6) and 3,000 as 21,000 × 169,000 px, unreadable at any zoom
// and ~1.6 s of elk. Instead: cut the foreign-key graph into clusters of at most CLUSTER tables
// that reference each other (hubs apart: everything points at them), lay each cluster out as a
// small grid in walk order (neighbours side by side), and pack the clusters in rows towards a
// screen-like aspect ratio. ~10 ms for 3,000 tables, so it runs where the graph is.

/** Above this many tables, a diagram (or one group of "all") is placed here instead of by elk. */
export const LAYERED_MAX = 150;
/** Tables per cluster: one cluster fits the screen at a readable zoom. */
const CLUSTER = 36;
const GAP_X = 48;
const GAP_Y = 40;
const CLUSTER_GAP = 160;
/** Width : height of the packed result (a wide screen, the frame label on top). */
const ASPECT = 1.6;

export interface Box {
  id: string;
  width: number;
  height: number;
}

export interface ClusterLayout {
  positions: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
}

/** Clusters of related tables, in the order they are packed: hubs first, then by walk order. */
export function clusters(ids: readonly string[], edges: readonly { source: string; target: string }[]): string[][] {
  const known = new Set(ids);
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) {
    if (e.source === e.target || !known.has(e.source) || !known.has(e.target)) continue;
    neighbours.get(e.source)!.push(e.target);
    neighbours.get(e.target)!.push(e.source);
  }
  const degree = (id: string) => neighbours.get(id)!.length;
  const hub = (id: string) => degree(id) > HUB_DEGREE;
  const walkable = (id: string) => neighbours.get(id)!.filter((n) => !hub(n));
  const clusterOf = new Map<string, number>();
  const out: string[][] = [];
  const open = (members: string[]) => {
    for (const m of members) clusterOf.set(m, out.length);
    out.push(members);
  };

  const hubs = ids.filter(hub).sort((a, b) => degree(b) - degree(a));
  for (let i = 0; i < hubs.length; i += CLUSTER) open(hubs.slice(i, i + CLUSTER));
  // Breadth-first from the best-connected table not placed yet, up to CLUSTER tables.
  const byDegree = ids.filter((id) => !hub(id)).sort((a, b) => degree(b) - degree(a));
  for (const start of byDegree) {
    if (clusterOf.has(start) || walkable(start).every((n) => clusterOf.has(n))) continue;
    const members = [start];
    clusterOf.set(start, -1);
    for (let i = 0; i < members.length && members.length < CLUSTER; i++) {
      for (const n of walkable(members[i]!)) {
        if (members.length >= CLUSTER) break;
        if (clusterOf.has(n)) continue;
        clusterOf.set(n, -1);
        members.push(n);
      }
    }
    open(members);
  }
  // Left over: a table whose neighbours were all taken joins the smallest of their clusters; one
  // linked only to hubs sits with the others of its hub; the unlinked fill clusters in name order.
  const byHub = new Map<string, string[]>();
  const unlinked: string[] = [];
  for (const id of ids) {
    if (clusterOf.has(id)) continue;
    const near = walkable(id)
      .map((n) => clusterOf.get(n))
      .filter((c): c is number => c !== undefined && c >= 0);
    if (near.length > 0) {
      const target = near.reduce((a, b) => (out[b]!.length < out[a]!.length ? b : a));
      out[target]!.push(id);
      clusterOf.set(id, target);
    } else if (neighbours.get(id)!.length > 0) {
      const h = neighbours.get(id)![0]!;
      const list = byHub.get(h);
      if (list) list.push(id);
      else byHub.set(h, [id]);
    } else unlinked.push(id);
  }
  for (const list of [...byHub.values(), unlinked]) for (let i = 0; i < list.length; i += CLUSTER) open(list.slice(i, i + CLUSTER));
  return out;
}

/** A cluster as a grid in walk order, rows as tall as their tallest table. */
function grid(members: readonly Box[]): ClusterLayout {
  const columns = Math.max(1, Math.ceil(Math.sqrt(members.length * 0.9)));
  const cell = Math.max(...members.map((m) => m.width)) + GAP_X;
  const positions = new Map<string, { x: number; y: number }>();
  let y = 0;
  let width = 0;
  for (let row = 0; row * columns < members.length; row++) {
    const line = members.slice(row * columns, (row + 1) * columns);
    for (const [i, m] of line.entries()) positions.set(m.id, { x: i * cell, y });
    width = Math.max(width, line.length * cell - GAP_X);
    y += Math.max(...line.map((m) => m.height)) + GAP_Y;
  }
  return { positions, width, height: y - GAP_Y };
}

/** Boxes packed in rows (shelves) about ASPECT times wider than tall; positions of their corners. */
export function packRows(boxes: readonly { width: number; height: number }[], gap: number): { positions: { x: number; y: number }[]; width: number; height: number } {
  const area = boxes.reduce((sum, b) => sum + (b.width + gap) * (b.height + gap), 0);
  const target = Math.max(Math.sqrt(area * ASPECT), ...boxes.map((b) => b.width));
  const positions: { x: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  let shelf = 0;
  let width = 0;
  for (const b of boxes) {
    if (x > 0 && x + b.width > target) {
      y += shelf + gap;
      x = 0;
      shelf = 0;
    }
    positions.push({ x, y });
    x += b.width + gap;
    shelf = Math.max(shelf, b.height);
    width = Math.max(width, x - gap);
  }
  return { positions, width, height: y + shelf };
}

export function clusterLayout(nodes: readonly Box[], edges: readonly { source: string; target: string }[]): ClusterLayout {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const laid = clusters(
    nodes.map((n) => n.id),
    edges,
  ).map((ids) => grid(ids.map((id) => byId.get(id)!)));
  const packed = packRows(laid, CLUSTER_GAP);
  const positions = new Map<string, { x: number; y: number }>();
  laid.forEach((cluster, i) => {
    const at = packed.positions[i]!;
    for (const [id, p] of cluster.positions) positions.set(id, { x: at.x + p.x, y: at.y + p.y });
  });
  return { positions, width: packed.width, height: packed.height };
}
