import { describe, expect, it } from 'vitest';
import { appSchemaModel } from './app-schema';
import { buildGraph } from './build-graph';
import { HUB_DEGREE, isOffered, SCOPE_CAP, scopeGraph, scopeMembers } from './scope';

// Scopes on hand-built graphs: the expected members are written from the drawings in the
// comments, not computed by the code under test.

/** Undirected adjacency from `a-b` pairs. */
function graph(pairs: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of pairs) {
    const [a, b] = pair.split('-') as [string, string];
    out.set(a, [...(out.get(a) ?? []), b]);
    out.set(b, [...(out.get(b) ?? []), a]);
  }
  return out;
}

describe('scopes of a big schema', () => {
  it('ERD-21: a neighbourhood shows a hub it reaches but does not walk through it; the start table is walked even when it is a hub', () => {
    // start - parent - grand ; start - hub ; hub - leaf0..leafN (N > HUB_DEGREE)
    const leaves = Array.from({ length: HUB_DEGREE + 5 }, (_, i) => `leaf${i}`);
    const adjacent = graph(['start-parent', 'parent-grand', 'start-hub', ...leaves.map((l) => `hub-${l}`)]);
    const ids = [...adjacent.keys()];
    const two = scopeMembers('hops:2:start', ids, adjacent);
    expect(new Set(two.members)).toEqual(new Set(['start', 'parent', 'hub', 'grand']));
    expect(two.hubs).toEqual([{ id: 'hub', neighbours: HUB_DEGREE + 6 }]);
    expect(two.total).toBeUndefined();
    // From the hub itself: every neighbour, one hop.
    const fromHub = scopeMembers('hops:1:hub', ids, adjacent);
    expect(new Set(fromHub.members)).toEqual(new Set(['hub', 'start', ...leaves]));
    expect(fromHub.hubs).toEqual([]);
    expect(scopeMembers('hops:2:nowhere', ids, adjacent).members).toEqual([]);
  });

  it('ERD-22: a scope holding more than SCOPE_CAP tables draws the nearest first and says how many there are', () => {
    // centre - ring0..ring(CAP+49) ; ring0 - far (two hops, beyond the cap)
    const ring = Array.from({ length: SCOPE_CAP + 50 }, (_, i) => `ring${String(i).padStart(3, '0')}`);
    const adjacent = graph([...ring.map((r) => `centre-${r}`), 'ring000-far']);
    const scope = scopeMembers('hops:2:centre', [...adjacent.keys()], adjacent);
    expect(scope.members).toHaveLength(SCOPE_CAP);
    expect(scope.members[0]).toBe('centre');
    expect(scope.members).not.toContain('far');
    expect(scope.total).toBe(SCOPE_CAP + 52);
    const search = scopeMembers('search:ring', [...adjacent.keys()], adjacent);
    expect(search.members).toHaveLength(SCOPE_CAP);
    expect(search.total).toBe(SCOPE_CAP + 50);
    expect(isOffered('hops:2:centre', [])).toBe(true);
    expect(isOffered('search:x', [])).toBe(true);
    expect(isOffered('blog', [{ name: 'blog' }])).toBe(true);
    expect(isOffered('hops:x:centre', [])).toBe(false);
  });

  it("ERD-23: our schema offers scopes too: blog_post_tag's neighbourhood, with stubs for what it reaches and only its drift", () => {
    const all = buildGraph(appSchemaModel(), null, 'all');
    const scope = scopeGraph(all, 'hops:1:blog_post_tag');
    // blog_post_tag references blog_post and blog_tag; nothing references it.
    expect(scope.nodes.filter((n) => !n.stub).map((n) => n.id).sort()).toEqual(['blog_post', 'blog_post_tag', 'blog_tag']);
    // blog_post's author is a user: drawn as a stub, with only the referenced key.
    const user = scope.nodes.find((n) => n.id === 'user');
    expect(user?.stub).toBe(true);
    expect(user?.columns.map((c) => c.name)).toEqual(['id']);
    expect(scope.edges.every((e) => ['blog_post', 'blog_post_tag', 'blog_tag'].includes(e.from))).toBe(true);
    expect(scope.domain).toBe('hops:1:blog_post_tag');
  });
});
