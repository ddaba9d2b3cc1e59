import type { Catalog, CatalogTable, FkAction } from '../catalog';
import { computeDrift } from './drift';
import type { SchemaModel, SchemaTable } from './schema-model';
import { ALL_DOMAINS, type DriftItem, type DriftSide, type ErdColumn, type ErdEdge, type ErdGraph, type ErdNode, LIVE_ONLY_DOMAIN, type PolicyCounts } from './types';

// Schema model + live catalog -> one diagram. Everything is computed for the whole schema first
// (every table a node, every FK and relation an edge), then cut down to one domain: its tables,
// the edges that start in it, and compact stubs for the other-domain tables those edges reach.

export { ALL_DOMAINS };

interface EdgeDraft {
  from: string;
  to: string;
  fromColumns: string[];
  toColumns: string[];
  /** The database has this FK (or, without a catalog, Drizzle declares it). */
  fk: boolean;
  constraint: string | null;
  onDelete: FkAction | null;
  relations: string[];
  drift: DriftSide | null;
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));

/**
 * Builds the diagram of one domain, or of every table with `ALL_DOMAINS`. `catalog` null: schema
 * only. `extraDrift`: findings only the server can make (policy expressions compared as it
 * deparses them); one already found here for the same table and name is not repeated.
 */
export function buildGraph(model: SchemaModel, catalog: Catalog | null, domain: string, extraDrift: readonly DriftItem[] = []): ErdGraph {
  const schemaTables = new Map(model.tables.map((t) => [t.name, t]));
  const liveTables = new Map((catalog?.tables ?? []).map((t) => [t.name, t]));
  const computed = catalog ? computeDrift(model, catalog) : [];
  const seen = new Set(computed.map((d) => `${d.kind}\u0000${d.table}\u0000${d.name ?? ''}`));
  const drift = [...computed, ...(catalog ? extraDrift.filter((d) => !seen.has(`${d.kind}\u0000${d.table}\u0000${d.name ?? ''}`)) : [])];
  const edges = collectEdges(model, catalog);

  const domainOf = (table: string) => schemaTables.get(table)?.domain ?? LIVE_ONLY_DOMAIN;
  const allNames = [...new Set([...schemaTables.keys(), ...liveTables.keys()])];
  const members = domain === ALL_DOMAINS ? allNames : allNames.filter((n) => schemaTables.get(n)?.domain === domain);
  const memberSet = new Set(members);
  const domainEdges = edges.filter((e) => memberSet.has(e.from));
  const stubs = [...new Set(domainEdges.map((e) => e.to).filter((t) => !memberSet.has(t)))];

  const fkColumns = new Map<string, Set<string>>();
  for (const e of edges.filter((x) => x.fk)) {
    const set = fkColumns.get(e.from) ?? new Set<string>();
    for (const c of e.fromColumns) set.add(c);
    fkColumns.set(e.from, set);
  }

  const node = (name: string, stub: boolean): ErdNode => {
    const s = schemaTables.get(name);
    const l = liveTables.get(name);
    const tableDrift = drift.filter((d) => d.table === name);
    let columns = mergeColumns(s, l, tableDrift, fkColumns.get(name) ?? new Set());
    if (stub) {
      const referenced = new Set(domainEdges.filter((e) => e.to === name).flatMap((e) => e.toColumns));
      columns = columns.filter((c) => referenced.has(c.name) || c.pk);
    }
    const tableLevel = tableDrift.find((d) => d.kind === 'table');
    return {
      id: name,
      table: name,
      schema: l?.schema ?? 'public',
      kind: l?.kind ?? 'table',
      partitions: 0,
      inheritsFrom: l?.inheritsFrom ?? [],
      domain: domainOf(name),
      stub,
      columns,
      rls: {
        enabled: l ? l.rlsEnabled : (s?.rlsEnabled ?? false),
        forced: l?.rlsForced ?? false,
        policies: countPolicies(l ? l.policies.map((p) => p.command) : (s?.policies.map((p) => p.command) ?? [])),
      },
      drift: tableLevel ? tableLevel.side : null,
      driftCount: tableDrift.length,
      estimatedRows: l ? l.estimatedRows : null,
    };
  };

  const nodes = [...members.map((n) => node(n, false)), ...stubs.map((n) => node(n, true))];
  return {
    domain,
    nodes,
    edges: domainEdges.map((e) => finishEdge(e, schemaTables, liveTables)),
    drift: drift.filter((d: DriftItem) => memberSet.has(d.table)),
    unresolvedRelations: model.unresolved.filter((r) => memberSet.has(r.slice(0, r.lastIndexOf('.')))),
    live: catalog !== null,
  };
}

function countPolicies(commands: readonly string[]): PolicyCounts {
  const counts: PolicyCounts = { ALL: 0, SELECT: 0, INSERT: 0, UPDATE: 0, DELETE: 0 };
  for (const c of commands) if (c in counts) counts[c as keyof PolicyCounts] += 1;
  return counts;
}

function mergeColumns(s: SchemaTable | undefined, l: CatalogTable | undefined, drift: DriftItem[], fks: Set<string>): ErdColumn[] {
  const pk = l ? (l.constraints.find((c) => c.kind === 'primary')?.columns ?? []) : (s?.primaryKey ?? []);
  const uniqueSingles = new Set(uniqueSets(s, l, false).filter((u) => u.length === 1).map((u) => u[0]!));
  const schemaCols = new Map((s?.columns ?? []).map((c) => [c.name, c]));
  const names = l ? [...l.columns.map((c) => c.name), ...(s?.columns ?? []).map((c) => c.name).filter((n) => !l.columns.some((c) => c.name === n))] : [...schemaCols.keys()];
  return names.map((name): ErdColumn => {
    const lc = l?.columns.find((c) => c.name === name);
    const sc = schemaCols.get(name);
    const notes = drift.filter((d) => d.name === name && (d.kind === 'column' || d.kind === 'type' || d.kind === 'nullable'));
    const presence = notes.find((d) => d.kind === 'column');
    return {
      name,
      type: lc?.type ?? sc?.type ?? '',
      pk: pk.includes(name),
      fk: fks.has(name),
      nullable: lc ? lc.nullable : !(sc?.notNull ?? false),
      unique: uniqueSingles.has(name),
      default: lc?.default ?? sc?.default ?? (sc?.appDefault ? '$defaultFn' : null),
      drift: presence ? presence.side : notes.length > 0 ? 'differs' : null,
      ...(notes.length > 0 ? { driftNote: notes.map((n) => n.message).join(' ') } : {}),
    };
  });
}

/** Column sets that identify a row; the primary key counts for cardinality, not for the UNIQUE marker. */
function uniqueSets(s: SchemaTable | undefined, l: CatalogTable | undefined, withPrimary = true): string[][] {
  if (l) {
    return [
      ...l.constraints.filter((c) => c.kind === 'unique' || (withPrimary && c.kind === 'primary')).map((c) => c.columns),
      ...l.indexes.filter((i) => i.unique && i.predicate === null && (withPrimary || !i.primary)).map((i) => i.columns),
    ];
  }
  return [...(s?.uniques ?? []), ...(withPrimary && s && s.primaryKey.length > 0 ? [s.primaryKey] : [])];
}

function collectEdges(model: SchemaModel, catalog: Catalog | null): EdgeDraft[] {
  const edges: EdgeDraft[] = [];
  const find = (a: string, aCols: string[], b: string, bCols: string[]) =>
    edges.find((e) => e.from === a && e.to === b && sameColumns(e.fromColumns, aCols) && sameColumns(e.toColumns, bCols));

  // Database foreign keys first (live), then what Drizzle declares.
  for (const t of catalog?.tables ?? []) {
    for (const c of t.constraints) {
      if (c.kind !== 'foreign' || !c.references || c.references.schema !== catalog!.schema) continue;
      edges.push({
        from: t.name,
        to: c.references.table,
        fromColumns: c.columns,
        toColumns: c.references.columns,
        fk: true,
        constraint: c.name,
        onDelete: c.references.onDelete,
        relations: [],
        drift: null,
      });
    }
  }
  const declared = new Set(model.tables.map((t) => t.name));
  for (const t of model.tables) {
    for (const fk of t.foreignKeys) {
      const existing = find(t.name, fk.columns, fk.refTable, fk.refColumns);
      if (existing) continue;
      // Declared in Drizzle but absent from the database: not a database FK. It stays an edge,
      // marked as drift; with a relation on it, the edge is relation-only.
      edges.push({
        from: t.name,
        to: fk.refTable,
        fromColumns: fk.columns,
        toColumns: fk.refColumns,
        fk: catalog === null,
        constraint: fk.name,
        onDelete: fk.onDelete,
        relations: [],
        drift: catalog ? 'schema-only' : null,
      });
    }
  }
  if (catalog) {
    for (const e of edges) {
      const s = model.tables.find((t) => t.name === e.from);
      const known = s?.foreignKeys.some((fk) => fk.refTable === e.to && sameColumns(fk.columns, e.fromColumns) && sameColumns(fk.refColumns, e.toColumns));
      if (e.drift === null && !known && declared.has(e.from)) e.drift = 'live-only';
    }
  }

  for (const r of model.relations) {
    if (!r.fields || !r.references) continue;
    const label = `${r.table}.${r.name}`;
    const edge = find(r.table, r.fields, r.target, r.references) ?? find(r.target, r.references, r.table, r.fields);
    if (edge) {
      if (!edge.relations.includes(label)) edge.relations.push(label);
      continue;
    }
    // No FK joins these columns: a relation-only edge, drawn from the side holding the columns
    // that point at the other (the `one` side with `fields`).
    const [from, fromColumns, to, toColumns] =
      r.kind === 'one' ? [r.table, r.fields, r.target, r.references] : [r.target, r.references, r.table, r.fields];
    edges.push({ from, to, fromColumns, toColumns, fk: false, constraint: null, onDelete: null, relations: [label], drift: null });
  }
  return edges;
}

function finishEdge(e: EdgeDraft, schemaTables: Map<string, SchemaTable>, liveTables: Map<string, CatalogTable>): ErdEdge {
  const s = schemaTables.get(e.from);
  const l = liveTables.get(e.from);
  const unique = uniqueSets(s, l).some((u) => sameSet(u, e.fromColumns));
  const optional = e.fromColumns.some((name) => {
    const lc = l?.columns.find((c) => c.name === name);
    if (lc) return lc.nullable;
    return !(s?.columns.find((c) => c.name === name)?.notNull ?? true);
  });
  return {
    id: `${e.from}.${e.to}.${e.fromColumns.join('+')}`,
    from: e.from,
    to: e.to,
    fromColumns: e.fromColumns,
    toColumns: e.toColumns,
    source: e.fk && e.relations.length > 0 ? 'fk+relation' : e.relations.length > 0 ? 'relation-only' : 'fk-only',
    fromCardinality: unique ? 'one' : 'many',
    toCardinality: 'one',
    optional,
    constraint: e.constraint,
    onDelete: e.onDelete,
    relations: e.relations,
    drift: e.drift,
  };
}
