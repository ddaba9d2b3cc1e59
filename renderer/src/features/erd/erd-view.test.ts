import { describe, expect, it } from 'vitest';
import { appSchemaModel } from '../../../../shared/erd/app-schema';
import { buildGraph } from '../../../../shared/erd/build-graph';
import type { ErdGraph } from '../../../../shared/erd/types';
import { buildSvg } from './export-image';
import { neighborhood, searchTables } from './focus';
import { nodeSize, rowCenter, shortType } from './geometry';
import { handleId, layoutInput, toFlowEdges, toFlowNodes, toFrameNodes, type ViewState } from './to-flow';

// The diagram screen's pure parts: mapping to React Flow, focus, search, geometry, SVG export.

const model = appSchemaModel();
const view: ViewState = { selected: null, visible: null, matches: new Set(), showDrift: true, compact: false };
const positions = (graph: ErdGraph) => new Map(graph.nodes.map((n, i) => [n.id, { x: (i % 5) * 320, y: Math.floor(i / 5) * 400 }]));

describe('diagram view helpers', () => {
  it('ERD-17: nodes carry their size and only linked columns get handles; edges attach on the facing sides', () => {
    const blog = buildGraph(model, null, 'blog');
    const p = positions(blog);
    const nodes = toFlowNodes(blog, p, view);
    const post = nodes.find((n) => n.id === 'blog_post')!;
    expect({ width: post.width, height: post.height }).toEqual(nodeSize(blog.nodes.find((n) => n.id === 'blog_post')!));
    expect(post.data.linked.sort()).toEqual(['author_id', 'id']);
    p.set('user', { x: -1000, y: 0 });
    p.set('blog_post', { x: 0, y: 0 });
    const edge = toFlowEdges(blog, p, view).find((e) => e.id === 'blog_post.user.author_id')!;
    expect(edge.sourceHandle).toBe(handleId('author_id', 'l', 's'));
    expect(edge.targetHandle).toBe(handleId('id', 'r', 't'));
    const compact = toFlowEdges(blog, p, { ...view, compact: true }).find((e) => e.id === 'blog_post.user.author_id')!;
    expect(compact.sourceHandle).toBe(handleId('', 'l', 's'));
  });

  it('ERD-18: focus keeps the N-hop neighbourhood; selection dims the rest; search ranks exact names first', () => {
    const all = buildGraph(model, null, 'all');
    const one = neighborhood(all.edges, 'blog_tag', 1);
    expect([...one].sort()).toEqual(['blog_post_tag', 'blog_tag']);
    expect(neighborhood(all.edges, 'blog_tag', 2).has('blog_post')).toBe(true);
    const nodes = toFlowNodes(all, positions(all), { ...view, selected: 'blog_tag', visible: one });
    expect(nodes.filter((n) => !n.hidden).map((n) => n.id).sort()).toEqual(['blog_post_tag', 'blog_tag']);
    expect(nodes.find((n) => n.id === 'blog_post_tag')?.data.emphasis).toBe('related');
    expect(nodes.find((n) => n.id === 'user')?.data.emphasis).toBe('dimmed');
    expect(searchTables(['blog_post_tag', 'post', 'blog_post'], 'POST')).toEqual(['post', 'blog_post', 'blog_post_tag']);
    expect(searchTables(['a'], '  ')).toEqual([]);
  });

  it('ERD-19: "all" is laid out per domain and framed per domain', () => {
    const all = buildGraph(model, null, 'all');
    const input = layoutInput(all);
    expect(new Set(input.groups?.values())).toEqual(new Set(model.tables.map((t) => t.domain)));
    const frames = toFrameNodes(all, positions(all), null);
    expect(frames).toHaveLength(13);
    expect(frames.every((f) => f.draggable === false && f.selectable === false)).toBe(true);
    expect(layoutInput(buildGraph(model, null, 'blog')).groups).toBeUndefined();
    expect(toFrameNodes(buildGraph(model, null, 'blog'), new Map(), null)).toEqual([]);
  });

  it('ERD-20: geometry matches the rows; types are shortened as a DBA writes them', () => {
    const node = { stub: false, columns: [{ name: 'a' }, { name: 'b' }] } as Parameters<typeof rowCenter>[0];
    expect(rowCenter(node, 'b')).toBe(30 + 22 + 20 + 10);
    expect(shortType('timestamp without time zone')).toBe('timestamp');
    expect(shortType('timestamp(3) with time zone')).toBe('timestamptz(3)');
    expect(shortType('character varying(255)')).toBe('varchar(255)');
  });

  it('SEC-10: the SVG export escapes every name and draws every visible table', () => {
    const graph: ErdGraph = {
      domain: 'all',
      live: true,
      drift: [],
      unresolvedRelations: [],
      edges: [],
      nodes: [
        {
          id: '<img src=x onerror=alert(1)>',
          table: '<img src=x onerror=alert(1)>',
          domain: 'live',
          stub: false,
          columns: [{ name: '"><script>alert(2)</script>', type: 'text', pk: true, fk: false, nullable: false, unique: false, default: null, drift: null }],
          rls: { enabled: false, forced: false, policies: { ALL: 0, SELECT: 0, INSERT: 0, UPDATE: 0, DELETE: 0 } },
          drift: 'live-only',
          driftCount: 1,
          estimatedRows: 0,
        },
      ],
    };
    const svg = buildSvg(graph, new Map([[graph.nodes[0]!.id, { x: 0, y: 0 }]]));
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const blog = buildGraph(model, null, 'blog');
    const blogSvg = buildSvg(blog, positions(blog));
    for (const n of blog.nodes) expect(blogSvg).toContain(`>${n.table}</text>`);
    expect(blogSvg.match(/<path /g)).toHaveLength(blog.edges.length);
  });
});
