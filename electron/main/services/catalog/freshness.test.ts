import { beforeAll, expect, it } from 'vitest';
import { contextOf } from '../../db/run-context';
import { describeEachDriver } from '../../db/test-databases';
import { CatalogService } from './catalog-service';
import { oursFrom } from './ours';

// The catalog cache and changes made outside Warden, on both drivers: a cached read is served
// again while the catalog's fingerprint holds, and read again once DDL run by someone else (here:
// straight on the database, behind the service's back) moved it. The clock is the test's own.

describeEachDriver('catalog cache freshness', (getDb) => {
  let clock = 0;
  let reads = 0;
  let catalog: CatalogService;
  /** A counted read through the cache, as the relations list and the policy matrix use it. */
  const read = () =>
    catalog.cachedRead(contextOf(getDb(), { connectionId: 'c' }), ['counted'], async () => {
      reads += 1;
      return reads;
    });
  /** Past the check interval, so the next cached read asks for the fingerprint. */
  const later = () => {
    clock += 6_000;
  };

  beforeAll(async () => {
    await getDb().query('create table fresh_a (id integer primary key, note text)');
    catalog = new CatalogService({ ours: oursFrom(), now: () => clock });
  });

  it('ERD-24: a cached catalog read is not repeated while nothing changed, and is after DDL made outside Warden', async () => {
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    later();
    // Statistics move nothing: ANALYZE updates pg_class in place.
    await getDb().query('analyze fresh_a');
    expect(await read()).toBe(1);

    const ddl = [
      'alter table fresh_a add column extra integer',
      "comment on column fresh_a.note is 'why'",
      'alter table fresh_a alter column note set not null',
      'create table fresh_b (id integer primary key references fresh_a (id))',
      'alter table fresh_a enable row level security',
      'create policy fresh_p on fresh_a using (true)',
      'create index fresh_i on fresh_a (note)',
      'grant select on fresh_a to public',
      'drop table fresh_b',
    ];
    let expected = 1;
    for (const statement of ddl) {
      await getDb().query(statement);
      // Within the check interval the cache is served as it is...
      expect(await read(), statement).toBe(expected);
      later();
      // ...after it, the moved fingerprint sends the read to the database again.
      expected += 1;
      expect(await read(), statement).toBe(expected);
      later();
      expect(await read(), `${statement}, checked again`).toBe(expected);
    }
  });

  it('ERD-25: a cached read is re-read after ten minutes however still the catalog, and at once when main says the schema changed', async () => {
    const before = await read();
    clock += 10 * 60_000;
    expect(await read()).toBe(before + 1);
    catalog.invalidate('c');
    expect(await read()).toBe(before + 2);
  });
});
