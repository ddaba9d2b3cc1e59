import ELK from 'elkjs/lib/elk-api.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';

// elkjs layered layout off the main thread. One worker for the app's lifetime, created and
// warmed up when the diagram screen mounts: the first layout pays ~0.6 s of elk start-up
// (docs/performance.md), which must not land on the first diagram the user opens.

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

/** The elk graph for a layout input: flat layered, or one layered box per group, packed. */
export function elkGraph(input: LayoutInput): ElkNode {
  const ids = new Set(input.nodes.map((n) => n.id));
  // Self references and edges to hidden nodes add nothing to a layered layout.
  const edges = input.edges.filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target));
  const toElk = (e: LayoutInput['edges'][number]) => ({ id: e.id, sources: [e.source], targets: [e.target] });
  const leaf = (n: LayoutInput['nodes'][number]) => ({ id: n.id, width: n.width, height: n.height });
  if (!input.groups) {
    return { id: '__root', layoutOptions: layeredOptions(input.nodes.length), children: input.nodes.map(leaf), edges: edges.map(toElk) };
  }
  const groups = input.groups;
  const names = [...new Set(input.nodes.map((n) => groups.get(n.id) ?? ''))];
  return {
    id: '__root',
    layoutOptions: packOptions,
    children: names.map((name) => {
      const members = input.nodes.filter((n) => (groups.get(n.id) ?? '') === name);
      return {
        id: `__group:${name}`,
        layoutOptions: layeredOptions(members.length, GROUP_PADDING),
        children: members.map(leaf),
        edges: edges.filter((e) => (groups.get(e.source) ?? '') === name && (groups.get(e.target) ?? '') === name).map(toElk),
      };
    }),
  };
}

/** Absolute positions of the input's nodes in elk's result (group offsets added). */
export function elkPositions(result: ElkNode, input: LayoutInput): Map<string, { x: number; y: number }> {
  const ids = new Set(input.nodes.map((n) => n.id));
  const positions = new Map<string, { x: number; y: number }>();
  const collect = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      if (child.children && child.children.length > 0) collect(child, x, y);
      else if (ids.has(child.id)) positions.set(child.id, { x, y });
    }
  };
  collect(result, 0, 0);
  return positions;
}

export async function layout(input: LayoutInput): Promise<LayoutResult> {
  const started = performance.now();
  const result = await instance().layout(elkGraph(input));
  return { positions: elkPositions(result, input), ms: performance.now() - started };
}
