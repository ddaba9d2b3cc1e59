import ELK from 'elkjs/lib/elk-api.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { clusterLayout, type ClusterLayout, LAYERED_MAX, packRows } from './cluster-layout';

// elkjs layered layout off the main thread. One worker for the app's lifetime, created and
// warmed up when the diagram screen mounts: the first layout pays ~0.6 s of elk start-up
// (docs/performance.md), which must not land on the first diagram the user opens. A diagram
// or group of more than LAYERED_MAX tables is placed by cluster-layout.ts instead (linear time,
// on this thread: cheaper than sending it to the worker), and elk only packs it with the others.

export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  /** Parent (referenced) -> child (referencing): parents end up on the left. */
  edges: { id: string; source: string; target: string }[];
  /**
   * Node -> group ("all" groups tables by domain): each group is laid out on its own, layered,
   * and the groups are packed in rows. One layered pass over every table instead puts `user`
   * in the first layer and its thirty referencing tables in one endless column.
   */
  groups?: Map<string, string>;
}

export interface LayoutResult {
  positions: Map<string, { x: number; y: number }>;
  ms: number;
}

// Tuned for ER diagrams: positions only (React Flow draws its own edges).
function layeredOptions(nodes: number, padding = 0): Record<string, string> {
  // Model order, component separation and Brandes-Koepf make small diagrams tidy but cost
  // seconds on hundreds of tables (measured: 500 tables ~7 s with them, ~0.3 s without).
  const tidy: Record<string, string> =
    nodes <= 150
      ? {
          'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
          'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
          'elk.separateConnectedComponents': 'true',
          'elk.aspectRatio': '1.6',
          'elk.layered.thoroughness': '3',
        }
      : { 'elk.layered.nodePlacement.strategy': 'SIMPLE', 'elk.layered.thoroughness': '1' };
  return {
    'elk.algorithm': 'layered',
    'elk.direction': 'RIGHT',
    'elk.edgeRouting': 'POLYLINE',
    'elk.spacing.nodeNode': '32',
    'elk.layered.spacing.nodeNodeBetweenLayers': '80',
    'elk.spacing.componentComponent': '48',
    'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    ...tidy,
    'elk.padding': `[top=${padding ? padding + GROUP_LABEL : 0},left=${padding},bottom=${padding},right=${padding}]`,
  };
}

const packOptions: Record<string, string> = {
  'elk.algorithm': 'box',
  'elk.spacing.nodeNode': '48',
  'elk.aspectRatio': '1.6',
  'elk.padding': '[top=0,left=0,bottom=0,right=0]',
};

/** Padding inside a group box; the frame drawn around a domain uses the same numbers. */
export const GROUP_PADDING = 20;
/** Room above a group's tables for the domain's name, drawn large enough to read zoomed out. */
export const GROUP_LABEL = 52;

let elk: InstanceType<typeof ELK> | undefined;
let warm: Promise<void> | undefined;

function instance(): InstanceType<typeof ELK> {
  elk ??= new ELK({
    workerFactory: () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' }),
  });
  return elk;
}

/** Starts the worker and runs a tiny layout so elk's code is loaded and compiled. */
export function warmUpLayout(): Promise<void> {
  warm ??= layout({
    nodes: [
      { id: 'a', width: 10, height: 10 },
      { id: 'b', width: 10, height: 10 },
    ],
    edges: [{ id: 'e', source: 'a', target: 'b' }],
  }).then(() => undefined);
  return warm;
}

/** Groups too big for a layered layout, placed by clusterLayout beforehand. */
type Prelaid = Map<string, ClusterLayout>;

const groupName = (input: LayoutInput, id: string) => input.groups?.get(id) ?? '';

/** The input's nodes by group, in first-seen order. */
function byGroup(input: LayoutInput): Map<string, LayoutInput['nodes']> {
  const out = new Map<string, LayoutInput['nodes']>();
  for (const n of input.nodes) {
    const name = groupName(input, n.id);
    const list = out.get(name);
    if (list) list.push(n);
    else out.set(name, [n]);
  }
  return out;
}

/** The elk graph for a layout input: flat layered, or one box per group (layered, or pre-laid), packed. */
export function elkGraph(input: LayoutInput, prelaid: Prelaid = new Map()): ElkNode {
  const ids = new Set(input.nodes.map((n) => n.id));
  // Self references and edges to hidden nodes add nothing to a layered layout.
  const edges = input.edges.filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target));
  const toElk = (e: LayoutInput['edges'][number]) => ({ id: e.id, sources: [e.source], targets: [e.target] });
  const leaf = (n: LayoutInput['nodes'][number]) => ({ id: n.id, width: n.width, height: n.height });
  if (!input.groups) {
    return { id: '__root', layoutOptions: layeredOptions(input.nodes.length), children: input.nodes.map(leaf), edges: edges.map(toElk) };
  }
  return {
    id: '__root',
    layoutOptions: packOptions,
    children: [...byGroup(input)].map(([name, list]) => {
      const laid = prelaid.get(name);
      // A pre-laid group is one box to elk, with the same padding and label room a layered group gets.
      if (laid) return { id: `__group:${name}`, width: laid.width + 2 * GROUP_PADDING, height: laid.height + 2 * GROUP_PADDING + GROUP_LABEL };
      return {
        id: `__group:${name}`,
        layoutOptions: layeredOptions(list.length, GROUP_PADDING),
        children: list.map(leaf),
        edges: edges.filter((e) => groupName(input, e.source) === name && groupName(input, e.target) === name).map(toElk),
      };
    }),
  };
}

/** Absolute positions of the input's nodes in elk's result (group offsets added, pre-laid groups unpacked). */
export function elkPositions(result: ElkNode, input: LayoutInput, prelaid: Prelaid = new Map()): Map<string, { x: number; y: number }> {
  const ids = new Set(input.nodes.map((n) => n.id));
  const positions = new Map<string, { x: number; y: number }>();
  const collect = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      const laid = prelaid.get(child.id.replace(/^__group:/, ''));
      if (laid && child.id.startsWith('__group:')) {
        for (const [id, p] of laid.positions) positions.set(id, { x: x + GROUP_PADDING + p.x, y: y + GROUP_PADDING + GROUP_LABEL + p.y });
      } else if (child.children && child.children.length > 0) collect(child, x, y);
      else if (ids.has(child.id)) positions.set(child.id, { x, y });
    }
  };
  collect(result, 0, 0);
  return positions;
}

export async function layout(input: LayoutInput): Promise<LayoutResult> {
  const started = performance.now();
  if (!input.groups) {
    if (input.nodes.length > LAYERED_MAX) return { positions: clusterLayout(input.nodes, input.edges).positions, ms: performance.now() - started };
    const result = await instance().layout(elkGraph(input));
    return { positions: elkPositions(result, input), ms: performance.now() - started };
  }
  const groups = byGroup(input);
  const prelaid: Prelaid = new Map();
  for (const [name, list] of groups) {
    if (list.length <= LAYERED_MAX) continue;
    const inside = new Set(list.map((n) => n.id));
    prelaid.set(name, clusterLayout(list, input.edges.filter((e) => inside.has(e.source) && inside.has(e.target))));
  }
  if (prelaid.size === groups.size) return { positions: packPrelaid([...prelaid.values()]), ms: performance.now() - started };
  const result = await instance().layout(elkGraph(input, prelaid));
  return { positions: elkPositions(result, input, prelaid), ms: performance.now() - started };
}

/** Every group pre-laid (a big schema or two): packed here, elk has nothing left to do. */
function packPrelaid(laid: ClusterLayout[]): Map<string, { x: number; y: number }> {
  const framed = laid.map((l) => ({ width: l.width + 2 * GROUP_PADDING, height: l.height + 2 * GROUP_PADDING + GROUP_LABEL }));
  const packed = packRows(framed, 48);
  const positions = new Map<string, { x: number; y: number }>();
  laid.forEach((l, i) => {
    const at = packed.positions[i]!;
    for (const [id, p] of l.positions) positions.set(id, { x: at.x + GROUP_PADDING + p.x, y: at.y + GROUP_PADDING + GROUP_LABEL + p.y });
  });
  return positions;
}
