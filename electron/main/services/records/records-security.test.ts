import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../../db/test-databases';
import { quoteIdent } from '../../db/quote';
import { createRouter, type Handlers } from '../../ipc/router';
import { recordsHandlers } from '../../ipc/handlers/records';
import type { Services } from '../services';
import { RecordsService } from './records-service';
import { standaloneCatalog } from '../catalog/ours';
import { registryOf } from '../../db/run-context';
import { ref } from './test-helpers';

// SEC-11/12: hostile identifiers (quotes, dots, `;--`, unicode, 63/64 bytes) and hostile filter
// values, sort columns and limits reach PostgreSQL only as quoted identifiers from the catalog
// and bound values. Decoy tables named like what a naive split or concatenation would hit, and
// a canary table, must stay exactly as they were.

const name63 = `t${'é'.repeat(31)}`; // 1 + 62 bytes = 63 bytes
const name64 = `${name63}x`;
const hostileTables = [`we"ird`, 'a.b', `x; drop table canary;--`, 'ünï©ødé 表', name63, `Robert'); DROP TABLE canary;--`];
const hostileColumns = [`"; drop table canary; --`, 'a.b', `x"y`, `col'umn`, name63, 'select'];
const hostileValues = [`'; drop table canary; --`, '%', '_', '\\', `"`, '$1', `') or 1=1 --`, '<img src=x onerror=alert(1)>'];

describeEachDriver('SEC-11/12 hostile identifiers and values', (getDb) => {
  let dir = '';
  let router: ReturnType<typeof createRouter>;
  const sender = { frameUrl: 'app://warden/index.html', isMainFrame: true };
  const call = async (channel: string, input: unknown) => router.call(channel, input, sender);

  const canaryState = async () => {
    const db = getDb();
    const { rows } = await db.query<{ v: string }>(
      `select (select string_agg(v, ',' order by v) from canary) || '|' || (select string_agg(b, ',' order by b) from a) || '|' || (select count(*) from pg_class where relname in ('canary', 'a'))::text as v`,
    );
    return rows[0]!.v;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-sec-'));
    const db = getDb();
    await db.query(`create table canary (v text)`);
    await db.query(`insert into canary values ('alive')`);
    // What `a.b` would mean if someone split on the dot.
    await db.query(`create table a (b text)`);
    await db.query(`insert into a values ('untouched')`);
    for (const table of hostileTables) {
      const cols = hostileColumns.map((c) => `${quoteIdent(c)} text`).join(', ');
      await db.query(`create table ${quoteIdent(table)} (id text primary key, ${cols})`);
      await db.query(`insert into ${quoteIdent(table)} (id, ${quoteIdent(hostileColumns[0]!)}) values ('1', 'one'), ('2', 'two')`);
    }
    const services = {
      records: new RecordsService({ catalog: standaloneCatalog(), userDataDir: dir, emit: () => {} }),
      runs: registryOf(() => db),
    } as unknown as Services;
    router = createRouter({ handlers: recordsHandlers(services) as Handlers, trustedOrigins: ['app://warden'], validateOutput: true });
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('SEC-11: every channel works on hostile table and column names and touches only that table', async () => {
    const before = await canaryState();
    const tables = await call('records.tables', { connectionId: 'c1' });
    expect(tables.ok).toBe(true);
    const names = (tables as { data: { tables: { name: string }[] } }).data.tables.map((t) => t.name);
    for (const table of hostileTables) expect(names).toContain(table);
    for (const table of hostileTables) {
      const r = { ...ref(table), connectionId: 'c1' };
      const meta = await call('records.describe', r);
      expect(meta).toMatchObject({ ok: true, data: { table, columns: expect.arrayContaining([expect.objectContaining({ name: hostileColumns[0] })]) } });
      for (const column of hostileColumns) {
        for (const value of hostileValues) {
          const page = await call('records.page', { ...r, sort: { column, direction: 'desc' }, filters: [{ column, op: 'contains', value }] });
          expect(page, `${table}.${column} ${value}`).toMatchObject({ ok: true });
        }
        const eq = await call('records.page', { ...r, filters: [{ column, op: 'in', values: hostileValues }] });
        expect(eq).toMatchObject({ ok: true, data: { rows: [] } });
      }
      const page = (await call('records.page', { ...r })) as { ok: true; data: { keys: string[][]; xmins: string[] } };
      expect(page.data.keys).toEqual([['1'], ['2']]);
      const apply = await call('records.apply', {
        ...r,
        changes: [
          { kind: 'update', key: ['1'], xmin: page.data.xmins[0], values: hostileColumns.map((c, i) => ({ column: c, value: hostileValues[i % hostileValues.length] })) },
          { kind: 'insert', values: [{ column: 'id', value: hostileValues[0] }, { column: hostileColumns[1], value: hostileValues[1] }] },
          { kind: 'delete', key: ['2'], xmin: page.data.xmins[1] },
        ],
      });
      expect(apply).toMatchObject({ ok: true, data: { status: 'applied', inserted: 1, updated: 1, deleted: 1 } });
      const value = await call('records.value', { ...r, key: ['1'], column: hostileColumns[0] });
      expect(value).toMatchObject({ ok: true, data: { value: hostileValues[0] } });
      expect(await call('records.count', { ...r, filters: [{ column: hostileColumns[0], op: 'eq', value: hostileValues[0] }] })).toMatchObject({
        ok: true,
        data: { count: '1' },
      });
      const exported = (await call('records.export', { ...r, format: 'json' })) as { ok: true; data: { path: string; rows: number } };
      expect(exported).toMatchObject({ ok: true, data: { rows: 2 } });
      const json = JSON.parse(await readFile(exported.data.path, 'utf8')) as Record<string, string | null>[];
      expect(json.map((row) => row.id).sort()).toEqual([hostileValues[0], '1'].sort());
    }
    expect(await canaryState()).toBe(before);
  });

  it('SEC-12: sort columns, filter columns and tables outside the catalog are refused; limits are bounded', async () => {
    const before = await canaryState();
    const r = { ...ref('canary'), connectionId: 'c1' };
    const refusals = [
      await call('records.page', { ...r, sort: { column: 'v; drop table canary', direction: 'asc' } }),
      await call('records.page', { ...r, sort: { column: 'v', direction: 'asc; drop table canary' } }),
      await call('records.page', { ...r, filters: [{ column: 'v) or (1=1', op: 'eq', value: 'x' }] }),
      await call('records.page', { ...r, filters: [{ column: 'v', op: 'raw', value: 'x' }] }),
      await call('records.page', { ...r, limit: 1_000_000_000 }),
      await call('records.page', { ...r, limit: '1; drop table canary' }),
      await call('records.page', { ...ref(name64), connectionId: 'c1' }),
      await call('records.page', { ...r, table: 'canary"; drop table canary; --' }),
      await call('records.page', { ...r, schema: 'pg_catalog', table: 'pg_authid' }),
      await call('records.apply', { ...r, changes: [{ kind: 'insert', values: [{ column: 'v', value: 'a\u0000' }] }] }),
      await call('records.page', { ...r, filters: [{ column: 'v', op: 'eq', value: 'bad\u0000' }] }),
    ];
    for (const [i, result] of refusals.entries()) expect(result, `refusal ${i}`).toMatchObject({ ok: false, error: { kind: 'validation' } });
    // A value is only ever a value: a filter for the payload finds nothing and drops nothing.
    const payload = await call('records.page', { ...r, filters: [{ column: 'v', op: 'eq', value: `alive' or '1'='1` }] });
    expect(payload).toMatchObject({ ok: true, data: { rows: [] } });
    expect(await canaryState()).toBe(before);
  });
});
