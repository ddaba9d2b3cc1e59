import type { Catalog, CatalogTable } from '../catalog';
import { type LiveEdgeDraft, liveIndex } from './live-index';
import { scopeMembers } from './scope';
import { ALL_DOMAINS, type ErdColumn, type ErdEdge, type ErdGraph, type ErdNode, type PolicyCounts } from './types';

// The diagram of a database this project does NOT manage: drawn from its own catalog only. No
// schema model, no drift, no domain names of ours: groups are PostgreSQL schemas, and a schema
// too big to read as one diagram is split into its foreign-key-connected clusters
// (`live-index.ts`). Partitions fold under their parent; inheritance children and foreign
// tables keep their marks.

/** "all" draws at most this many tables; beyond it, the most-connected ones, with a note. */
export const ALL_CAP = 3000;

/**
 * One group's diagram, a scope's (`scope.ts`), or every table with `ALL_DOMAINS`: capped at
 * `ALL_CAP` nodes, keeping the most-connected tables. Far-out zoom draws "all" as an overview
 * (names only) and the scopes are for reading, so the cap bounds memory, not what is legible.
 */
export function buildLiveGraph(catalog: Catalog, domain: string): ErdGraph {
  const { byId, edges, adjacent, groups, partitions, fkColumns } = liveIndex(catalog);
  let members: string[];
  let capped: ErdGraph['capped'];
  let hubs: ErdGraph['hubs'];
  if (domain === ALL_DOMAINS) {
    members = [...byId.keys()];
    if (members.length > ALL_CAP) {
      const degree = (id: string) => adjacent.get(id)?.length ?? 0;
      members = members.sort((a, b) => degree(b) - degree(a) || a.localeCompare(b)).slice(0, ALL_CAP);
      capped = { shown: ALL_CAP, total: byId.size };
    }
  } else {
    const scope = scopeMembers(domain, [...byId.keys()], adjacent, groups);
    members = scope.members;
    if (scope.total !== undefined) capped = { shown: members.length, total: scope.total };
    if (scope.hubs.length > 0) hubs = scope.hubs;
  }
  const memberSet = new Set(members);
  const graphEdges = edges.filter((e) => memberSet.has(e.from) && (domain !== ALL_DOMAINS || memberSet.has(e.to)));
  const stubs = [...new Set(graphEdges.map((e) => e.to).filter((id) => !memberSet.has(id)))];
  const referencedIn = new Map<string, Set<string>>();
  for (const e of graphEdges) {
    if (memberSet.has(e.to)) continue;
    const set = referencedIn.get(e.to) ?? new Set<string>();
    for (const c of e.constraint.references?.columns ?? []) set.add(c);
    referencedIn.set(e.to, set);
  }
  const node = (id: string, stub: boolean): ErdNode => {
    const t = byId.get(id)!;
    let columns = toColumns(t, fkColumns.get(id) ?? new Set());
    if (stub) {
      const referenced = referencedIn.get(id) ?? new Set();
      columns = columns.filter((c) => referenced.has(c.name) || c.pk);
    }
    return {
      id,
      table: t.name,
      schema: t.schema,
      kind: t.kind,
      partitions: partitions.get(id) ?? 0,
      inheritsFrom: t.inheritsFrom,
      domain: t.schema,
      stub,
      columns,
      rls: { enabled: t.rlsEnabled, forced: t.rlsForced, policies: countPolicies(t.policies.map((p) => p.command)) },
      drift: null,
      driftCount: 0,
      estimatedRows: t.estimatedRows,
    };
  };
  return {
    domain,
    nodes: [...members.map((id) => node(id, false)), ...stubs.map((id) => node(id, true))],
    edges: graphEdges.map((e) => toEdge(e, byId.get(e.from)!)),
    drift: [],
    unresolvedRelations: [],
    live: true,
    ...(capped ? { capped } : {}),
    ...(hubs ? { hubs } : {}),
  };
}

/** The foreign keys leaving and reaching one table, every one of them (a hub's panel lists all). */
export function liveTableEdges(catalog: Catalog, id: string): { outgoing: ErdEdge[]; incoming: ErdEdge[] } {
  const { byId, edges } = liveIndex(catalog);
  return {
    outgoing: edges.filter((e) => e.from === id).map((e) => toEdge(e, byId.get(e.from)!)),
    incoming: edges.filter((e) => e.to === id && e.from !== id).map((e) => toEdge(e, byId.get(e.from)!)),
  };
}

function countPolicies(commands: readonly string[]): PolicyCounts {
  const counts: PolicyCounts = { ALL: 0, SELECT: 0, INSERT: 0, UPDATE: 0, DELETE: 0 };
  for (const c of commands) if (c in counts) counts[c as keyof PolicyCounts] += 1;
  return counts;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));

function uniqueSets(t: CatalogTable): string[][] {
  return [
    ...t.constraints.filter((c) => c.kind === 'unique' || c.kind === 'primary').map((c) => c.columns),
    ...t.indexes.filter((i) => i.unique && i.predicate === null).map((i) => i.columns),
  ];
}

function toColumns(t: CatalogTable, fks: Set<string>): ErdColumn[] {
  const pk = t.constraints.find((c) => c.kind === 'primary')?.columns ?? [];
  const singles = new Set(uniqueSets(t).filter((u) => u.length === 1 && !(pk.length === 1 && u[0] === pk[0])).map((u) => u[0]!));
  return t.columns.map((c) => ({
    name: c.name,
    type: c.type,
    pk: pk.includes(c.name),
    fk: fks.has(c.name),
    nullable: c.nullable,
    unique: singles.has(c.name),
    default: c.default,
    drift: null,
  }));
}

function toEdge(e: LiveEdgeDraft, from: CatalogTable): ErdEdge {
  const c = e.constraint;
  const refs = c.references!;
  return {
    id: `${e.from}.${e.to}.${c.columns.join('+')}`,
    from: e.from,
    to: e.to,
    fromColumns: c.columns,
    toColumns: refs.columns,
    source: 'fk-only',
    fromCardinality: uniqueSets(from).some((u) => sameSet(u, c.columns)) ? 'one' : 'many',
    toCardinality: 'one',
    optional: c.columns.some((n) => from.columns.find((x) => x.name === n)?.nullable ?? false),
    constraint: c.name,
    onDelete: refs.onDelete,
    relations: [],
    drift: null,
  };
}
