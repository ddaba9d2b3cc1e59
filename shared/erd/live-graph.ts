import type { Catalog, CatalogTable } from '../catalog';
import { ALL_DOMAINS, type ErdColumn, type ErdEdge, type ErdGraph, type ErdNode, type PolicyCounts } from './types';

// The diagram of a database this project does NOT manage: drawn from its own catalog only. No
// schema model, no drift, no domain names of ours: groups are PostgreSQL schemas, and a schema
// too big to read as one diagram is split into its foreign-key-connected clusters. Partitions
// fold under their parent; inheritance children and foreign tables keep their marks.

/** A schema with more tables than this is offered as FK clusters too (pgAdmin-sized pain starts here). */
export const CLUSTER_THRESHOLD = 60;

/** Node id: the bare name in `public`, `schema.table` elsewhere (two schemas may share a name). */
export const liveId = (schema: string, table: string): string => (schema === 'public' ? table : `${schema}.${table}`);

export interface LiveGroup {
  /** `schema` or `schema/cluster-N` (N from 1, biggest cluster first), `schema/unlinked` for tables with no FK. */
  name: string;
  tables: string[];
}

/** Tables drawn: everything except partitions (they fold into their parent). */
export function drawnTables(catalog: Catalog): CatalogTable[] {
  return catalog.tables.filter((t) => t.partitionOf === null);
}

/** Groups: one per schema; big schemas additionally as FK clusters. */
export function liveGroups(catalog: Catalog): LiveGroup[] {
  const tables = drawnTables(catalog);
  const bySchema = new Map<string, CatalogTable[]>();
  for (const t of tables) bySchema.set(t.schema, [...(bySchema.get(t.schema) ?? []), t]);
  const groups: LiveGroup[] = [];
  // `public` first (where most databases keep their tables), then alphabetical.
  const order = [...bySchema.keys()].sort((a, b) => Number(b === 'public') - Number(a === 'public') || a.localeCompare(b));
  for (const schema of order) {
    const list = bySchema.get(schema)!;
    const ids = list.map((t) => liveId(t.schema, t.name));
    groups.push({ name: schema, tables: ids });
    if (list.length <= CLUSTER_THRESHOLD) continue;
    groups.push(...clusters(schema, list, catalog));
  }
  return groups;
}

/** Connected components of the FK graph within one schema (union-find). */
function clusters(schema: string, list: CatalogTable[], catalog: Catalog): LiveGroup[] {
  const parent = new Map(list.map((t) => [liveId(t.schema, t.name), liveId(t.schema, t.name)]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const linked = new Set<string>();
  for (const e of liveEdges(catalog)) {
    if (!parent.has(e.from) || !parent.has(e.to) || e.from === e.to) continue;
    linked.add(e.from).add(e.to);
    parent.set(find(e.from), find(e.to));
  }
  const components = new Map<string, string[]>();
  for (const id of parent.keys()) {
    if (!linked.has(id)) continue;
    const root = find(id);
    components.set(root, [...(components.get(root) ?? []), id]);
  }
  const sorted = [...components.values()].sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  const out = sorted.map((tables, i) => ({ name: `${schema}/cluster-${i + 1}`, tables: tables.sort() }));
  const unlinked = [...parent.keys()].filter((id) => !linked.has(id)).sort();
  if (unlinked.length) out.push({ name: `${schema}/unlinked`, tables: unlinked });
  return out;
}

interface LiveEdgeDraft {
  from: string;
  to: string;
  table: CatalogTable;
  constraint: CatalogTable['constraints'][number];
}

/** Foreign keys between drawn tables; an FK on a partition maps to its parent (and is deduplicated). */
function liveEdges(catalog: Catalog): LiveEdgeDraft[] {
  const parentOf = new Map<string, string>();
  for (const t of catalog.tables) if (t.partitionOf) parentOf.set(`${t.schema}.${t.name}`, t.partitionOf);
  const folded = (schema: string, table: string) => {
    const parent = parentOf.get(`${schema}.${table}`);
    if (!parent) return liveId(schema, table);
    const dot = parent.indexOf('.');
    return liveId(parent.slice(0, dot), parent.slice(dot + 1));
  };
  const seen = new Set<string>();
  const out: LiveEdgeDraft[] = [];
  for (const t of catalog.tables) {
    for (const c of t.constraints) {
      if (c.kind !== 'foreign' || !c.references) continue;
      const from = folded(t.schema, t.name);
      const to = folded(c.references.schema, c.references.table);
      const key = `${from}.${to}.${c.columns.join('+')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ from, to, table: t, constraint: c });
    }
  }
  return out;
}

/** "all" draws at most this many tables; beyond it, the biggest-connected ones, with a note. */
export const ALL_CAP = 400;

/**
 * One group's diagram (or every table with `ALL_DOMAINS`; capped at `ALL_CAP` nodes, keeping the
 * most-connected tables: a 3,000-table "all" is an overview, the scopes are for reading).
 */
export function buildLiveGraph(catalog: Catalog, domain: string, groups: LiveGroup[] = liveGroups(catalog)): ErdGraph {
  const tables = drawnTables(catalog);
  const byId = new Map(tables.map((t) => [liveId(t.schema, t.name), t]));
  const edges = liveEdges(catalog).filter((e) => byId.has(e.from) && byId.has(e.to));
  const groupOf = (id: string) => byId.get(id)?.schema ?? '';
  let members: string[];
  let capped: ErdGraph['capped'];
  if (domain === ALL_DOMAINS) {
    members = [...byId.keys()];
    if (members.length > ALL_CAP) {
      const degree = new Map<string, number>();
      for (const e of edges) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
      members = [...members].sort((a, b) => (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || a.localeCompare(b)).slice(0, ALL_CAP);
      capped = { shown: ALL_CAP, total: byId.size };
    }
  } else {
    members = scopeMembers(domain, [...byId.keys()], edges, groups);
  }
  const memberSet = new Set(members);
  const graphEdges = edges.filter((e) => memberSet.has(e.from) && (domain !== ALL_DOMAINS || memberSet.has(e.to)));
  const stubs = [...new Set(graphEdges.map((e) => e.to).filter((id) => !memberSet.has(id)))];
  const partitions = new Map<string, number>();
  for (const t of catalog.tables) {
    if (!t.partitionOf) continue;
    const dot = t.partitionOf.indexOf('.');
    const id = liveId(t.partitionOf.slice(0, dot), t.partitionOf.slice(dot + 1));
    partitions.set(id, (partitions.get(id) ?? 0) + 1);
  }
  const fkColumns = new Map<string, Set<string>>();
  for (const e of edges) {
    const set = fkColumns.get(e.from) ?? new Set<string>();
    for (const c of e.constraint.columns) set.add(c);
    fkColumns.set(e.from, set);
  }
  const node = (id: string, stub: boolean): ErdNode => {
    const t = byId.get(id)!;
    let columns = toColumns(t, fkColumns.get(id) ?? new Set());
    if (stub) {
      const referenced = new Set(graphEdges.filter((e) => e.to === id).flatMap((e) => e.constraint.references?.columns ?? []));
      columns = columns.filter((c) => referenced.has(c.name) || c.pk);
    }
    return {
      id,
      table: t.name,
      schema: t.schema,
      kind: t.kind,
      partitions: partitions.get(id) ?? 0,
      inheritsFrom: t.inheritsFrom,
      domain: groupOf(id),
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

/** The maximum neighbourhood depth offered (pgAdmin's 399-tables-at-depth-1 is why it is small). */
export const MAX_HOPS = 3;
/** A search draws at most this many matches. */
export const SEARCH_CAP = 200;

/** Is `domain` a scope this catalog offers? (groups, `hops:N:id`, `search:text`) */
export function isLiveScope(domain: string, groups: LiveGroup[]): boolean {
  if (domain === ALL_DOMAINS || groups.some((g) => g.name === domain)) return true;
  return /^hops:[0-9]:./.test(domain) || /^search:./.test(domain);
}

/** Tables of a scope: a group, a table and its neighbours up to N hops (either direction), or a name search. */
export function scopeMembers(domain: string, ids: string[], edges: { from: string; to: string }[], groups: LiveGroup[]): string[] {
  const hops = /^hops:([0-9]):(.+)$/.exec(domain);
  if (hops) {
    const depth = Math.min(Number(hops[1]), MAX_HOPS);
    const start = hops[2]!;
    if (!ids.includes(start)) return [];
    const adjacent = new Map<string, string[]>();
    for (const e of edges) {
      adjacent.set(e.from, [...(adjacent.get(e.from) ?? []), e.to]);
      adjacent.set(e.to, [...(adjacent.get(e.to) ?? []), e.from]);
    }
    const seen = new Set([start]);
    let frontier = [start];
    for (let d = 0; d < depth; d++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const n of adjacent.get(id) ?? []) {
          if (seen.has(n)) continue;
          seen.add(n);
          next.push(n);
        }
      }
      frontier = next;
    }
    return [...seen];
  }
  if (domain.startsWith('search:')) {
    const needle = domain.slice('search:'.length).toLowerCase();
    return ids.filter((id) => id.toLowerCase().includes(needle)).slice(0, SEARCH_CAP);
  }
  return groups.find((g) => g.name === domain)?.tables ?? [];
}
