import { ALL_DOMAINS, type ErdGraph } from './types';

// Scopes: the parts of a big schema a diagram can be asked for besides its groups. `hops:N:id`
// is a table and its neighbours up to N foreign keys away (either direction); `search:text` the
// tables whose name contains the text. Used by live diagrams and by our own schema's diagrams.

/** The maximum neighbourhood depth offered (pgAdmin's 399-tables-at-depth-1 is why it is small). */
export const MAX_HOPS = 3;
/** A scope draws at most this many tables, nearest first; the rest are said to exist. */
export const SCOPE_CAP = 200;
/**
 * A table with more neighbours than this is a hub (`user`, `tenant`, an audit table everything
 * references). A neighbourhood walk shows a hub it reaches but does not walk through it: one
 * hub two hops away would otherwise pull in most of the schema. The start table is always walked.
 */
export const HUB_DEGREE = 24;

export interface ScopeMembers {
  /** Tables drawn in full, nearest first. */
  members: string[];
  /** How many tables the scope holds when it holds more than `SCOPE_CAP`. */
  total?: number;
  /** Hubs reached and not walked through, with their number of neighbours. */
  hubs: { id: string; neighbours: number }[];
}

/** `hops:…` or `search:…` (a scope any diagram screen offers), as opposed to a named group. */
export function isScope(domain: string): boolean {
  return /^hops:[0-9]:./.test(domain) || /^search:./.test(domain);
}

/** Is `domain` a diagram these groups offer? (`all`, a group, or a scope) */
export function isOffered(domain: string, groups: readonly { name: string }[]): boolean {
  return domain === ALL_DOMAINS || isScope(domain) || groups.some((g) => g.name === domain);
}

/** The tables of a scope (or of a group by name), from the ids and each id's neighbours. */
export function scopeMembers(
  domain: string,
  ids: readonly string[],
  adjacent: ReadonlyMap<string, readonly string[]>,
  groups: readonly { name: string; tables: string[] }[] = [],
): ScopeMembers {
  const hops = /^hops:([0-9]):(.+)$/.exec(domain);
  if (hops) return neighbourhood(hops[2]!, Math.min(Number(hops[1]), MAX_HOPS), ids, adjacent);
  if (domain.startsWith('search:')) {
    const needle = domain.slice('search:'.length).toLowerCase();
    const hits = ids.filter((id) => id.toLowerCase().includes(needle));
    return capped(hits, []);
  }
  return { members: groups.find((g) => g.name === domain)?.tables ?? [], hubs: [] };
}

function neighbourhood(start: string, depth: number, ids: readonly string[], adjacent: ReadonlyMap<string, readonly string[]>): ScopeMembers {
  if (!ids.includes(start)) return { members: [], hubs: [] };
  const seen = new Set([start]);
  const order = [start];
  const hubs: ScopeMembers['hubs'] = [];
  let frontier = [start];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      const neighbours = adjacent.get(id) ?? [];
      if (id !== start && neighbours.length > HUB_DEGREE) {
        hubs.push({ id, neighbours: neighbours.length });
        continue;
      }
      for (const n of neighbours) {
        if (seen.has(n)) continue;
        seen.add(n);
        order.push(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return capped(order, hubs);
}

function capped(members: string[], hubs: ScopeMembers['hubs']): ScopeMembers {
  if (members.length <= SCOPE_CAP) return { members, hubs };
  return { members: members.slice(0, SCOPE_CAP), total: members.length, hubs: hubs.filter((h) => members.indexOf(h.id) < SCOPE_CAP) };
}

/**
 * A scope cut out of a whole diagram (our schema's "all", drift included): its tables in full,
 * the edges that start in it, and stubs for the tables those edges reach, as a domain diagram has.
 */
export function scopeGraph(all: ErdGraph, domain: string): ErdGraph {
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = adjacent.get(a);
    if (list) list.push(b);
    else adjacent.set(a, [b]);
  };
  for (const e of all.edges) {
    if (e.from === e.to) continue;
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const scope = scopeMembers(domain, all.nodes.map((n) => n.id), adjacent);
  const members = new Set(scope.members);
  const byId = new Map(all.nodes.map((n) => [n.id, n]));
  const edges = all.edges.filter((e) => members.has(e.from));
  const stubs = [...new Set(edges.map((e) => e.to).filter((id) => !members.has(id)))].map((id) => {
    const node = byId.get(id)!;
    const referenced = new Set(edges.filter((e) => e.to === id).flatMap((e) => e.toColumns));
    return { ...node, stub: true, columns: node.columns.filter((c) => referenced.has(c.name) || c.pk) };
  });
  return {
    domain,
    nodes: [...scope.members.map((id) => byId.get(id)!), ...stubs],
    edges,
    drift: all.drift.filter((d) => members.has(d.table)),
    unresolvedRelations: all.unresolvedRelations.filter((r) => members.has(r.slice(0, r.lastIndexOf('.')))),
    live: all.live,
    ...(scope.total !== undefined ? { capped: { shown: scope.members.length, total: scope.total } } : {}),
    ...(scope.hubs.length > 0 ? { hubs: scope.hubs } : {}),
  };
}
