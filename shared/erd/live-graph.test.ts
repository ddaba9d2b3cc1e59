import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogTable } from '../catalog';
import { ALL_CAP, buildLiveGraph } from './live-graph';
import { CLUSTER_THRESHOLD, liveGroups } from './live-index';

// Hand-built catalogs: grouping by schema, FK clusters of a big schema, partitions folded,
// "all" capped. Expected values are written from the inputs, not from the code.

const table = (schema: string, name: string, over: Partial<CatalogTable> = {}): CatalogTable => ({
  schema,
  name,
  kind: 'table',
  partitionOf: null,
  inheritsFrom: [],
  owner: 'o',
  rlsEnabled: false,
  rlsForced: false,
  estimatedRows: 0,
  comment: null,
  columns: [
    { name: 'id', ordinal: 1, type: 'integer', udt: 'int4', category: 'N', nullable: false, default: null, identity: null, generated: null, enumValues: null, comment: null },
    { name: 'ref', ordinal: 2, type: 'integer', udt: 'int4', category: 'N', nullable: true, default: null, identity: null, generated: null, enumValues: null, comment: null },
  ],
  constraints: [{ name: `${name}_pkey`, kind: 'primary', columns: ['id'], definition: 'PRIMARY KEY (id)', references: null }],
  indexes: [],
  policies: [],
  grants: [],
  ...over,
});

const fk = (t: CatalogTable, schema: string, to: string): CatalogTable => ({
  ...t,
  constraints: [
    ...t.constraints,
    { name: `${t.name}_${to}_fk`, kind: 'foreign', columns: ['ref'], definition: '', references: { schema, table: to, columns: ['id'], onDelete: 'no action', onUpdate: 'no action' } },
  ],
});

const catalog = (tables: CatalogTable[]): Catalog => ({ schema: 'public', schemas: [...new Set(tables.map((t) => t.schema))], currentUser: 'u', tables, roles: [] });

describe('live diagrams of an unmanaged database', () => {
  it('ANY-20: one group per schema, public first; a `customer` table stays in its schema', () => {
    const c = catalog([table('zeta', 'a'), table('public', 'customer'), table('alpha', 'customer')]);
    expect(liveGroups(c)).toEqual([
      { name: 'public', tables: ['customer'] },
      { name: 'alpha', tables: ['alpha.customer'] },
      { name: 'zeta', tables: ['zeta.a'] },
    ]);
    const g = buildLiveGraph(c, 'public');
    expect(g.nodes.map((n) => [n.id, n.domain])).toEqual([['customer', 'public']]);
    expect(g.drift).toEqual([]);
  });

  it('ANY-21: partitions fold into their parent; an FK on each partition becomes one edge from the parent', () => {
    const parent = fk(table('public', 'payment', { kind: 'partitioned' }), 'public', 'customer');
    const p1 = fk(table('public', 'payment_1', { partitionOf: 'public.payment' }), 'public', 'customer');
    const p2 = fk(table('public', 'payment_2', { partitionOf: 'public.payment' }), 'public', 'customer');
    const g = buildLiveGraph(catalog([table('public', 'customer'), parent, p1, p2]), 'all');
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['customer', 'payment']);
    expect(g.nodes.find((n) => n.id === 'payment')).toMatchObject({ kind: 'partitioned', partitions: 2 });
    expect(g.edges.map((e) => e.id)).toEqual(['payment.customer.ref']);
  });

  it('ANY-22: a schema bigger than the threshold is also offered as FK clusters, biggest first, then the unlinked', () => {
    const n = CLUSTER_THRESHOLD + 4;
    const tables: CatalogTable[] = [];
    // Cluster A: a0 <- a1 <- a2 (3 tables); cluster B: b0 <- b1 (2 tables); the rest unlinked.
    tables.push(table('big', 'a0'), fk(table('big', 'a1'), 'big', 'a0'), fk(table('big', 'a2'), 'big', 'a1'));
    tables.push(table('big', 'b0'), fk(table('big', 'b1'), 'big', 'b0'));
    for (let i = 0; i < n - 5; i++) tables.push(table('big', `u${String(i).padStart(3, '0')}`));
    const groups = liveGroups(catalog(tables));
    expect(groups.map((g) => g.name)).toEqual(['big', 'big/cluster-1', 'big/cluster-2', 'big/unlinked']);
    expect(groups[1]!.tables).toEqual(['big.a0', 'big.a1', 'big.a2']);
    expect(groups[2]!.tables).toEqual(['big.b0', 'big.b1']);
    expect(groups[3]!.tables).toHaveLength(n - 5);
  });

  it('ANY-23: "all" of a huge schema draws at most ALL_CAP tables, most-connected first, and says so', () => {
    const tables: CatalogTable[] = [table('public', 'hub')];
    for (let i = 0; i < ALL_CAP + 100; i++) tables.push(i < 10 ? fk(table('public', `t${i}`), 'public', 'hub') : table('public', `t${i}`));
    const g = buildLiveGraph(catalog(tables), 'all');
    expect(g.capped).toEqual({ shown: ALL_CAP, total: ALL_CAP + 101 });
    expect(g.nodes).toHaveLength(ALL_CAP);
    expect(g.nodes.some((n) => n.id === 'hub')).toBe(true);
    expect(g.edges).toHaveLength(10);
  });
});
