import { describe, expect, it } from 'vitest';
import { appSchemaModel } from '../../../../shared/erd/app-schema';
import { buildGraph } from '../../../../shared/erd/build-graph';
import { HUB_DEGREE } from '../../../../shared/erd/scope';
import { clusterLayout, clusters } from './cluster-layout';
import { HEADER_HEIGHT, nodeSize, rowCenter } from './geometry';
import { boxAt, overviewBoxes } from './overview-canvas';
import { handleId, toFlowNodes, type ViewState } from './to-flow';
import { areaAround, windowTables } from './use-viewport-window';

// Big diagrams: the linear-time cluster layout, handles known without rendering, the overview's
// boxes. Expected values come from the drawings in the comments.

const view: ViewState = { selected: null, visible: null, matches: new Set(), showDrift: true, compact: false };
const box = (id: string) => ({ id, width: 264, height: 200 });

describe('big diagrams', () => {
  it('ERD-27: the cluster layout places every table once, none overlapping, FK neighbours together, hubs first, about as wide as a screen', () => {
    // hub <- t0..t(HUB_DEGREE+5) ; chain c0 - c1 - ... - c9 ; 40 unlinked u*
    const spokes = Array.from({ length: HUB_DEGREE + 6 }, (_, i) => `t${i}`);
    const chain = Array.from({ length: 10 }, (_, i) => `c${i}`);
    const unlinked = Array.from({ length: 40 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    const ids = ['hub', ...spokes, ...chain, ...unlinked];
    const edges = [...spokes.map((s) => ({ source: 'hub', target: s })), ...chain.slice(1).map((c, i) => ({ source: chain[i]!, target: c }))];
    const groups = clusters(ids, edges);
    expect(groups[0]).toEqual(['hub']);
    expect(groups.find((g) => g.includes('c0'))?.sort()).toEqual([...chain].sort());
    expect(groups.flat().sort()).toEqual([...ids].sort());

    const laid = clusterLayout(ids.map(box), edges);
    expect(laid.positions.size).toBe(ids.length);
    const rects = ids.map((id) => ({ ...laid.positions.get(id)!, ...box(id) }));
    for (const [i, a] of rects.entries()) {
      for (const b of rects.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
    expect(laid.width / laid.height).toBeGreaterThan(0.8);
    expect(laid.width / laid.height).toBeLessThan(3);
  });

  it('ERD-28: nodes say where their edges attach without being rendered; the overview finds the table under a click', () => {
    const blog = buildGraph(appSchemaModel(), null, 'blog');
    const positions = new Map(blog.nodes.map((n, i) => [n.id, { x: i * 400, y: 0 }]));
    const post = toFlowNodes(blog, positions, view).find((n) => n.id === 'blog_post')!;
    const node = blog.nodes.find((n) => n.id === 'blog_post')!;
    const { width } = nodeSize(node);
    // Header pair and the author_id row, left border and right border, source and target: 6 px handles centred on the border.
    expect(post.handles).toContainEqual({ id: handleId('', 'l', 's'), type: 'source', position: 'left', x: -3, y: HEADER_HEIGHT / 2 - 3, width: 6, height: 6 });
    expect(post.handles).toContainEqual({ id: handleId('author_id', 'r', 't'), type: 'target', position: 'right', x: width - 3, y: rowCenter(node, 'author_id') - 3, width: 6, height: 6 });
    expect(post.handles?.some((h) => h.id === handleId('title', 'l', 's'))).toBe(false);
    expect(post.measured).toEqual({ width: post.width, height: post.height });

    const boxes = overviewBoxes(blog, positions, null);
    expect(boxes).toHaveLength(blog.nodes.length);
    expect(boxAt(boxes, 400 * blog.nodes.indexOf(node) + 10, 10)?.id).toBe('blog_post');
    expect(boxAt(boxes, -50, -50)).toBeNull();
  });

  it('ERD-29: a big diagram hands React Flow the tables within a screen of the viewport, and the selected one with its neighbours', () => {
    // A row of tables 1,000 apart; the screen (1,000 × 500 at zoom 1) shows x 10,000..11,000.
    const graph = buildGraph(appSchemaModel(), null, 'all');
    const positions = new Map(graph.nodes.map((n, i) => [n.id, { x: i * 1000, y: 0 }]));
    const area = areaAround([-10_000, 0, 1], 1000, 500);
    expect(area).toEqual({ left: 9000, top: -500, right: 12_000, bottom: 1000 });
    const held = windowTables(graph, positions, area, null);
    // Tables at 9,000 (its right edge reaches in) through 12,000.
    expect([...held].sort()).toEqual([graph.nodes[9]!.id, graph.nodes[10]!.id, graph.nodes[11]!.id, graph.nodes[12]!.id].sort());
    const far = graph.nodes.find((n, i) => i > 20 && graph.edges.some((e) => e.from === n.id || e.to === n.id))!;
    const withSelected = windowTables(graph, positions, area, far.id);
    expect(withSelected.has(far.id)).toBe(true);
    for (const e of graph.edges.filter((x) => x.from === far.id)) expect(withSelected.has(e.to)).toBe(true);
  });
});
