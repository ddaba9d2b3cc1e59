import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toAppError } from '../../db/errors';
import { describeEachDriver } from '../../db/test-databases';
import { ErdService } from '../erd/erd-service';
import { contextOf } from '../../db/run-context';
import { type RecordsCalls, serviceFor } from '../records/test-helpers';
import { loadUnmanagedFixture } from './fixture';
import { standaloneCatalog } from './ours';

// An unmanaged database (e2e/fixtures/unmanaged.sql, Pagila-like) on both drivers: recognised as
// not ours, drawn from its own catalog by schema, partitions folded, no borrowed domain, views
// browsable read-only. Expectations are written from the fixture, by hand.

describeEachDriver('any database: an unmanaged sample database', (getDb) => {
  let dir = '';
  let erd: ErdService;
  let records: RecordsCalls;
  const c = () => contextOf(getDb(), { connectionId: 'c' });
  beforeAll(async () => {
    await loadUnmanagedFixture(getDb());
    dir = await mkdtemp(join(tmpdir(), 'warden-anydb-'));
    const catalog = standaloneCatalog();
    erd = new ErdService({ catalog, userDataDir: dir, chooseSavePath: async () => null });
    records = serviceFor(getDb, { catalog, userDataDir: dir });
  }, 180_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ANY-01: it is said to be unmanaged (no drizzle ledger), with its three schemas', async () => {
    const { managed, domains } = await erd.listDomains(c());
    expect(managed?.state).toBe('unmanaged');
    expect(managed?.reason).toMatch(/no drizzle migration history/);
    expect(managed?.ledger).toBeNull();
    expect(managed?.schemas).toEqual(['public', 'inventory', 'sales']);
    // Groups are its schemas; none of our thirteen domain names appears.
    expect(domains.map((d) => d.name)).toEqual(['all', 'public', 'inventory', 'sales']);
    // public: language, film, customer, rental, payment (partitions folded), staff, manager = 7.
    expect(domains.find((d) => d.name === 'public')?.tables).toBe(7);
    expect(domains.find((d) => d.name === 'sales')?.tables).toBe(2);
    expect(domains.find((d) => d.name === 'inventory')?.tables).toBe(2);
  });

  it('ANY-02: its diagram has no borrowed domain and no drift; partitions fold into the parent; inheritance is marked', async () => {
    const graph = await erd.graph(c(), 'public');
    const ids = graph.nodes.filter((n) => !n.stub).map((n) => n.id).sort();
    expect(ids).toEqual(['customer', 'film', 'language', 'manager', 'payment', 'rental', 'staff']);
    expect(graph.drift).toEqual([]);
    const customer = graph.nodes.find((n) => n.id === 'customer')!;
    expect(customer.domain).toBe('public');
    const payment = graph.nodes.find((n) => n.id === 'payment')!;
    expect(payment).toMatchObject({ kind: 'partitioned', partitions: 3 });
    expect(graph.nodes.some((n) => n.table.startsWith('payment_p'))).toBe(false);
    expect(graph.nodes.find((n) => n.id === 'manager')?.inheritsFrom).toEqual(['public.staff']);
    // payment -> customer and payment -> rental, once each (not once per partition).
    expect(graph.edges.filter((e) => e.from === 'payment').map((e) => e.to).sort()).toEqual(['customer', 'rental']);

    const sales = await erd.graph(c(), 'sales');
    expect(sales.nodes.filter((n) => !n.stub).map((n) => n.id).sort()).toEqual(['sales.customer', 'sales.region']);
    // The FK into public draws public.customer as a stub of group `public`, not of our `customer` domain.
    expect(sales.nodes.find((n) => n.id === 'customer')).toMatchObject({ stub: true, domain: 'public', schema: 'public' });
  });

  it('ANY-03: scopes: a table and 2 hops, a search', async () => {
    const hops = await erd.graph(c(), 'hops:1:rental');
    // One hop either way: film and customer (rental points at them), payment (points at rental);
    // film's own FK to language draws language as a compact stub.
    expect(hops.nodes.filter((n) => !n.stub).map((n) => n.id).sort()).toEqual(['customer', 'film', 'payment', 'rental']);
    expect(hops.nodes.filter((n) => n.stub).map((n) => n.id)).toEqual(['language']);
    const two = await erd.graph(c(), 'hops:2:rental');
    // Two hops add language (via film), sales.customer (via customer) and inventory.stock (via film).
    expect(two.nodes.filter((n) => !n.stub).map((n) => n.id).sort()).toEqual(['customer', 'film', 'inventory.stock', 'language', 'payment', 'rental', 'sales.customer']);
    const search = await erd.graph(c(), 'search:customer');
    expect(search.nodes.filter((n) => !n.stub).map((n) => n.id).sort()).toEqual(['customer', 'sales.customer']);
    await expect(erd.graph(c(), 'user')).rejects.toThrow(/Unknown diagram/);
  });

  it('ANY-04: the table list has every schema, views and the materialized view, partitions folded, and no borrowed domain', async () => {
    const { managed, tables } = await records.tables({ connectionId: 'c' });
    expect(managed.state).toBe('unmanaged');
    const names = tables.map((t) => `${t.schema}.${t.name}:${t.kind}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'public.customer:table',
        'public.film_list:view',
        'public.customer_list:view',
        'public.rental_by_film:matview',
        'public.payment:partitioned',
        'sales.customer:table',
        'sales.region_totals:view',
        'inventory.stock:table',
      ]),
    );
    expect(names.some((n) => n.startsWith('public.payment_p'))).toBe(false);
    expect(tables.find((t) => t.name === 'payment')?.partitions).toBe(3);
    expect(tables.every((t) => t.domain === null)).toBe(true);
  });

  it('ANY-05: a view opens read-only with its definition and security_invoker, and pages by OFFSET', async () => {
    const ref = { connectionId: 'c', schema: 'public', table: 'film_list' };
    const meta = await records.describe(ref);
    expect(meta).toMatchObject({ kind: 'view', paging: 'offset', domain: null, primaryKey: [] });
    expect(meta.readOnlyReason).toMatch(/view: browsed read-only/);
    expect(meta.view?.securityInvoker).toBe(false);
    expect(meta.view?.definition).toMatch(/JOIN language/i);
    expect((await records.describe({ ...ref, table: 'customer_list' })).view?.securityInvoker).toBe(true);

    // 250 films: pages of 100, 100, 50, in a stable order, no row twice.
    const seen: string[] = [];
    let after: (string | null)[] | undefined;
    for (let i = 0; i < 4; i++) {
      const page = await records.page({ ...ref, filters: [], limit: 100, cellCap: 100, ...(after ? { after } : {}) });
      seen.push(...page.rows.map((r) => String(r[0])));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    // Sorted by fid descending, filtered: the top three G-rated films (rating = 1 + i % 5 -> i % 5 = 0).
    const sorted = await records.page({ ...ref, filters: [{ column: 'rating', op: 'eq', value: 'G' }], sort: { column: 'fid', direction: 'desc' }, limit: 3, cellCap: 100 });
    expect(sorted.rows.map((r) => r[0])).toEqual(['250', '245', '240']);
    // A single row of a view cannot be addressed: a classified error, not SQL.
    const err = await records.value({ ...ref, key: ['1'], column: 'title', offset: 0, length: 10 }).catch((e) => toAppError(e));
    expect(err).toMatchObject({ kind: 'validation' });
    // The materialized view has a ctid: paged by ctid, still read-only.
    const mat = await records.describe({ ...ref, table: 'rental_by_film' });
    expect(mat).toMatchObject({ kind: 'matview', paging: 'ctid' });
    expect(mat.readOnlyReason).toMatch(/materialized view/);
    // A non-public schema opens by name.
    const regions = await records.page({ connectionId: 'c', schema: 'sales', table: 'region_totals', filters: [], limit: 10, cellCap: 100, sort: { column: 'name', direction: 'asc' } });
    expect(regions.rows).toEqual([
      ['North', '2'],
      ['South', '1'],
    ]);
  });

  it('ANY-05: a view or a table without a variable-length column pages too (no cell cap is sent that the server cannot type, 42P18)', async () => {
    await getDb().query('create view public.only_numbers as select g as id, g * 2 as twice from generate_series(1, 3) as g');
    await getDb().query('create table public.number_pairs (a int primary key, b int)');
    await getDb().query('insert into public.number_pairs values (1, 10), (2, 20)');
    const view = await records.page({ connectionId: 'c', schema: 'public', table: 'only_numbers', filters: [], limit: 10, cellCap: 100 });
    expect(view.rows).toEqual([
      ['1', '2'],
      ['2', '4'],
      ['3', '6'],
    ]);
    const table = await records.page({ connectionId: 'c', schema: 'public', table: 'number_pairs', filters: [], limit: 10, cellCap: 100 });
    expect(table.rows).toEqual([
      ['1', '10'],
      ['2', '20'],
    ]);
  });
});
