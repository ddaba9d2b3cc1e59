import { readFile, rm } from 'node:fs/promises';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../../db/test-databases';
import type { Cell } from '../../../../shared/ipc/contracts/records';
import { csvField } from './export';
import { ref, serviceFor } from './test-helpers';

// Keyset paging, sort and filters against the full ordered table computed by PostgreSQL itself:
// walking every page must give exactly the same rows in the same order, with no gaps or repeats.

describeEachDriver('records.page', (getDb) => {
  const service = () => serviceFor(getDb);
  beforeAll(async () => {
    const db = getDb();
    await db.query(`create table item (
      id int primary key, name text, score numeric(10,2), flag boolean, at timestamp(6), tags jsonb, big text)`);
    await db.query(`insert into item
      select g, case when g % 7 = 0 then null else 'name ' || (g % 13) end,
             case when g % 5 = 0 then null else (g % 11) * 1.25 end,
             case when g % 3 = 0 then null else g % 2 = 0 end,
             timestamp '2024-01-01 00:00:00.000001' + g * interval '1 hour 1 microsecond',
             jsonb_build_object('n', g, 'big', 12345678901234567890123::numeric),
             case when g = 42 then repeat('x', 5000) else 'short' end
        from generate_series(1, 237) g`);
  });

  async function walk(input: Record<string, unknown>, limit = 10): Promise<string[]> {
    const seen: string[] = [];
    let after: Cell[] | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await service().page({ ...ref('item'), filters: [], limit, cellCap: 100, ...input, ...(after ? { after } : {}) } as never);
      seen.push(...page.keys.map((k) => k[0]!));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    return seen;
  }

  async function expected(orderAndWhere: string): Promise<string[]> {
    const { rows } = await getDb().query<{ k: string }>(`select id::text as k from item ${orderAndWhere}`);
    return rows.map((r) => r.k);
  }

  it('pages by primary key without gaps or repeats', async () => {
    expect(await walk({})).toEqual(await expected('order by id'));
    expect(await walk({ sort: { column: 'id', direction: 'desc' } })).toEqual(await expected('order by id desc'));
  });

  it.each([
    ['name', 'asc'],
    ['name', 'desc'],
    ['score', 'asc'],
    ['score', 'desc'],
    ['flag', 'asc'],
    ['flag', 'desc'],
    ['at', 'desc'],
    ['tags', 'asc'],
  ] as const)('P4: keyset over nullable sort column %s %s matches ORDER BY', async (column, direction) => {
    const got = await walk({ sort: { column, direction } }, 7);
    const dir = direction === 'desc' ? 'desc' : 'asc';
    expect(got).toEqual(await expected(`order by ${column} ${dir}, id ${dir}`));
  });

  it("P4: a sorted page (sorted on the whole rows, joined back by key) carries each row's own cells and xmin", async () => {
    await getDb().query(`update item set name = name || '' where id % 10 = 1`); // new row versions for some rows
    const page = await service().page({ ...ref('item'), filters: [], limit: 40, cellCap: 100, sort: { column: 'name', direction: 'desc' } });
    const { rows } = await getDb().query<{ k: string; x: string; n: string | null; b: string }>(
      `select id::text as k, xmin::text as x, name as n, left(big, 100) as b from item order by name desc, id desc limit 40`,
    );
    expect(page.keys.map((k) => k[0])).toEqual(rows.map((r) => r.k));
    expect(page.xmins).toEqual(rows.map((r) => r.x));
    expect(page.rows.map((r) => r[page.columns.indexOf('name')])).toEqual(rows.map((r) => r.n));
    expect(page.rows.map((r) => r[page.columns.indexOf('big')])).toEqual(rows.map((r) => r.b));
  });

  it('type-aware filters: range on numeric, contains with literal %, in, boolean, null', async () => {
    const ids = (filters: unknown[]) => walk({ filters }, 50);
    expect(await ids([{ column: 'score', op: 'between', value: '2.5', value2: '5' }])).toEqual(
      await expected('where score between 2.5 and 5 order by id'),
    );
    expect(await ids([{ column: 'at', op: 'gte', value: '2024-01-05 00:00:00' }])).toEqual(
      await expected(`where at >= '2024-01-05' order by id`),
    );
    expect(await ids([{ column: 'name', op: 'contains', value: 'ME 1' }])).toEqual(await expected(`where name ilike '%me 1%' order by id`));
    expect(await ids([{ column: 'name', op: 'contains', value: '%' }])).toEqual([]);
    expect(await ids([{ column: 'name', op: 'in', values: ['name 1', 'name "2"', 'name 3'] }])).toEqual(
      await expected(`where name in ('name 1', 'name 3') order by id`),
    );
    expect(await ids([{ column: 'flag', op: 'isTrue' }])).toEqual(await expected('where flag order by id'));
    expect(await ids([{ column: 'flag', op: 'isNull' }, { column: 'score', op: 'notNull' }])).toEqual(
      await expected('where flag is null and score is not null order by id'),
    );
    expect(await ids([{ column: 'id', op: 'neq', value: '5' }, { column: 'id', op: 'lt', value: '9' }])).toEqual(['1', '2', '3', '4', '6', '7', '8']);
  });

  it('values are lossless text and large ones are capped with their size', async () => {
    const page = await service().page({ ...ref('item'), filters: [{ column: 'id', op: 'eq', value: '42' }], limit: 5, cellCap: 100 });
    const cols = page.columns;
    const row = page.rows[0]!;
    expect(row[cols.indexOf('tags')]).toBe('{"n": 42, "big": 12345678901234567890123}');
    expect(row[cols.indexOf('at')]).toBe('2024-01-02 18:00:00.000043');
    expect(row[cols.indexOf('big')]).toHaveLength(100);
    expect(page.truncated).toEqual([[0, cols.indexOf('big'), 5000]]);
    const full = await service().value({ ...ref('item'), key: ['42'], column: 'big', offset: 0, length: 10_000 });
    expect(full).toMatchObject({ chars: 5000, bytes: 5000 });
    expect(full.value).toBe('x'.repeat(5000));
  });

  it('P3: a first page carries the planner estimate; exact count only on request', async () => {
    const page = await service().page({ ...ref('item'), filters: [], limit: 10, cellCap: 100 });
    expect(typeof page.estimate).toBe('number');
    const next = await service().page({ ...ref('item'), filters: [], limit: 10, cellCap: 100, after: page.nextCursor! });
    expect(next.estimate).toBeUndefined();
    expect(await service().count({ ...ref('item'), filters: [{ column: 'flag', op: 'isFalse' }], timeoutMs: 10_000 })).toEqual({
      count: (await expected('where flag = false')).length.toString(),
    });
  });

  it('go to key starts at that key', async () => {
    const page = await service().page({ ...ref('item'), filters: [], limit: 3, cellCap: 100, seek: ['100'] });
    expect(page.keys).toEqual([['100'], ['101'], ['102']]);
  });

  it('refuses unknown columns, unsortable columns and unknown tables by name', async () => {
    await expect(service().page({ ...ref('item'), filters: [], limit: 3, cellCap: 100, sort: { column: 'nope', direction: 'asc' } })).rejects.toThrow(
      /No column named "nope"/,
    );
    await expect(service().page({ ...ref('nope'), filters: [], limit: 3, cellCap: 100 })).rejects.toThrow(/No table named/);
  });

  it('export writes the current view (filters, sort) as CSV with exact values and reports progress', async () => {
    const emitted: unknown[] = [];
    const out = await serviceFor(getDb, { emitted }).export({
      ...ref('item'),
      filters: [{ column: 'id', op: 'lte', value: '7' }],
      sort: { column: 'id', direction: 'desc' },
      format: 'csv',
    });
    const lines = (await readFile(out.path, 'utf8')).trimEnd().split('\r\n');
    await rm(out.path);
    expect(out.rows).toBe(7);
    expect(lines[0]).toBe('id,name,score,flag,at,tags,big');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['7', '6', '5', '4', '3', '2', '1']);
    // NULL is an empty field; JSON with commas and quotes is quoted per RFC 4180.
    expect(lines[1]).toBe('7,,8.75,false,2024-01-01 07:00:00.000008,"{""n"": 7, ""big"": 12345678901234567890123}",short');
    expect(emitted).toContainEqual({ event: 'progress.reported', payload: expect.objectContaining({ operation: 'records.export', done: 7 }) });
    expect([csvField(null), csvField(''), csvField(' x'), csvField('a\nb')]).toEqual(['', '""', '" x"', '"a\nb"']);
  });

  it('a migration adding or dropping a column is picked up: describe reads afresh, a stale page retries once', async () => {
    const page = () => service().page({ ...ref('item'), filters: [], limit: 1, cellCap: 100 });
    const before = (await page()).columns;
    await getDb().query(`alter table item add column extra text default 'x'`);
    expect((await service().describe(ref('item'))).columns.map((c) => c.name)).toContain('extra');
    expect((await page()).columns).toEqual([...before, 'extra']);
    await getDb().query('alter table item drop column extra');
    // The cache still lists `extra`: the page fails with 42703, the catalog is re-read, the page retried.
    expect((await page()).columns).toEqual(before);
  });

  it('a table without a primary key pages by ctid, sorted or not (read-only browsing)', async () => {
    await getDb().query(`create table loose (v int, w text)`);
    await getDb().query(`insert into loose select g % 10, 'w' || g from generate_series(1, 45) g`);
    const walkLoose = async (sort?: { column: string; direction: 'asc' | 'desc' }) => {
      const seen: string[] = [];
      let after: Cell[] | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await service().page({ ...ref('loose'), filters: [], limit: 7, cellCap: 100, ...(sort ? { sort } : {}), ...(after ? { after } : {}) });
        seen.push(...page.rows.map((r) => String(r[1])));
        if (!page.nextCursor) break;
        after = page.nextCursor;
      }
      return seen;
    };
    expect((await walkLoose()).sort()).toEqual(Array.from({ length: 45 }, (_, i) => `w${i + 1}`).sort());
    const sorted = await walkLoose({ column: 'v', direction: 'desc' });
    expect(sorted).toHaveLength(45);
    expect(new Set(sorted).size).toBe(45);
  });
});
