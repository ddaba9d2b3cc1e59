import type { Catalog, CatalogTable } from '../catalog';

// What every live diagram of one catalog needs, computed once per catalog object: the drawn
// tables by id, the foreign keys between them, the groups, each table's neighbours. A
// 3,000-table catalog takes tens of milliseconds to index; the catalog module caches the
// catalog, so keying on the object makes every later scope, layout check and table panel free.

/** A schema with more tables than this is offered as FK clusters too (pgAdmin-sized pain starts here). */
export const CLUSTER_THRESHOLD = 60;

/** Node id: the bare name in `public`, `schema.table` elsewhere (two schemas may share a name). */
export const liveId = (schema: string, table: string): string => (schema === 'public' ? table : `${schema}.${table}`);

export interface LiveGroup {
  /** `schema` or `schema/cluster-N` (N from 1, biggest cluster first), `schema/unlinked` for tables with no FK. */
  name: string;
  tables: string[];
}

export interface LiveEdgeDraft {
  from: string;
  to: string;
  table: CatalogTable;
  constraint: CatalogTable['constraints'][number];
}

export interface LiveIndex {
  /** Drawn tables (partitions fold into their parent), by node id, in catalog order. */
  byId: Map<string, CatalogTable>;
  /** Foreign keys between drawn tables, deduplicated. */
  edges: LiveEdgeDraft[];
  /** Neighbours of each table, either direction, self references left out. */
  adjacent: Map<string, string[]>;
  groups: LiveGroup[];
  /** Folded partitions per partitioned table. */
  partitions: Map<string, number>;
  /** Columns of each table that start a foreign key. */
  fkColumns: Map<string, Set<string>>;
}

const indexes = new WeakMap<Catalog, LiveIndex>();

/** Tables drawn: everything except partitions (they fold into their parent). */
export function drawnTables(catalog: Catalog): CatalogTable[] {
  return catalog.tables.filter((t) => t.partitionOf === null);
}

export function liveIndex(catalog: Catalog): LiveIndex {
  const hit = indexes.get(catalog);
  if (hit) return hit;
  const byId = new Map(drawnTables(catalog).map((t) => [liveId(t.schema, t.name), t]));
  const edges = liveEdges(catalog).filter((e) => byId.has(e.from) && byId.has(e.to));
  const adjacent = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = adjacent.get(a);
    if (list) list.push(b);
    else adjacent.set(a, [b]);
  };
  const fkColumns = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.from !== e.to) {
      link(e.from, e.to);
      link(e.to, e.from);
    }
    const set = fkColumns.get(e.from) ?? new Set<string>();
    for (const c of e.constraint.columns) set.add(c);
    fkColumns.set(e.from, set);
  }
  const partitions = new Map<string, number>();
  for (const t of catalog.tables) {
    if (!t.partitionOf) continue;
    const id = qualifiedToId(t.partitionOf);
    partitions.set(id, (partitions.get(id) ?? 0) + 1);
  }
  const index: LiveIndex = { byId, edges, adjacent, groups: groupsOf(byId, edges), partitions, fkColumns };
  indexes.set(catalog, index);
  return index;
}

/** Groups: one per schema; big schemas additionally as FK clusters. */
export function liveGroups(catalog: Catalog): LiveGroup[] {
  return liveIndex(catalog).groups;
}

const qualifiedToId = (qualified: string) => {
  const dot = qualified.indexOf('.');
  return liveId(qualified.slice(0, dot), qualified.slice(dot + 1));
};

function groupsOf(byId: Map<string, CatalogTable>, edges: LiveEdgeDraft[]): LiveGroup[] {
  const bySchema = new Map<string, string[]>();
  for (const [id, t] of byId) {
    const list = bySchema.get(t.schema);
    if (list) list.push(id);
    else bySchema.set(t.schema, [id]);
  }
  const groups: LiveGroup[] = [];
  // `public` first (where most databases keep their tables), then alphabetical.
  const order = [...bySchema.keys()].sort((a, b) => Number(b === 'public') - Number(a === 'public') || a.localeCompare(b));
  for (const schema of order) {
    const ids = bySchema.get(schema)!;
    groups.push({ name: schema, tables: ids });
    if (ids.length > CLUSTER_THRESHOLD) groups.push(...clusters(schema, ids, edges));
  }
  return groups;
}

/** Connected components of the FK graph within one schema (union-find). */
function clusters(schema: string, ids: string[], edges: LiveEdgeDraft[]): LiveGroup[] {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const linked = new Set<string>();
  for (const e of edges) {
    if (!parent.has(e.from) || !parent.has(e.to) || e.from === e.to) continue;
    linked.add(e.from).add(e.to);
    parent.set(find(e.from), find(e.to));
  }
  const components = new Map<string, string[]>();
  for (const id of parent.keys()) {
    if (!linked.has(id)) continue;
    const root = find(id);
    const list = components.get(root);
    if (list) list.push(id);
    else components.set(root, [id]);
  }
  const sorted = [...components.values()].sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  const out = sorted.map((tables, i) => ({ name: `${schema}/cluster-${i + 1}`, tables: tables.sort() }));
  const unlinked = [...parent.keys()].filter((id) => !linked.has(id)).sort();
  if (unlinked.length) out.push({ name: `${schema}/unlinked`, tables: unlinked });
  return out;
}

/** Foreign keys between drawn tables; an FK on a partition maps to its parent (and is deduplicated). */
function liveEdges(catalog: Catalog): LiveEdgeDraft[] {
  const parentOf = new Map<string, string>();
  for (const t of catalog.tables) if (t.partitionOf) parentOf.set(`${t.schema}.${t.name}`, t.partitionOf);
  const folded = (schema: string, table: string) => {
    const parent = parentOf.get(`${schema}.${table}`);
    return parent ? qualifiedToId(parent) : liveId(schema, table);
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
