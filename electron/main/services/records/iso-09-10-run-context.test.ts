import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { AppError } from '../../../../shared/ipc/errors';
import type { Database } from '../../db/driver';
import { toAppError } from '../../db/errors';
import { RunRegistry } from '../../db/run-context';
import { describeRouterOnEachDriver } from '../../testing/router-each-driver';
import { readTableInfo } from './table-info';
import { applyChanges } from './writes';

// Hostile data against Warden's OWN statements (not typed SQL): a view whose definition writes,
// a policy whose expression writes, a grid edit whose early check is skipped, a grid read that
// never ends. Through the real router on both drivers; the canary table is the oracle: it must
// hold exactly what the test put there (nothing). Expected values are written by hand.

const identity = { role: 'user' as const, userId: 'runctx-identity' };

describeRouterOnEachDriver(
  'the one run context: server-enforced access modes and cancellation',
  (driver) => {
    const slowSeconds = () => (driver.ctx.kind === 'pglite' ? 0.3 : 30);
    const canary = async () => Number((await driver.db().query<{ n: number }>('select count(*)::int as n from runctx_canary')).rows[0]?.n);
    const refusal = (channel: string, input: object) => driver.t().callError(channel, { connectionId: driver.connectionId(), schema: 'public', ...input });

    beforeAll(async () => {
      const db = driver.db();
      for (const sql of [
        'create table runctx_canary (n int)',
        // Granted, so that without a READ ONLY transaction the identity's read WOULD write.
        'grant select, insert on runctx_canary to authenticated',
        `create function runctx_rows() returns setof int language plpgsql volatile as $$
           begin insert into runctx_canary values (1); return query select g from generate_series(1, 3) g; end $$`,
        `create function runctx_bump() returns boolean language plpgsql volatile as $$
           begin insert into runctx_canary values (2); return true; end $$`,
        // A view a DBA would browse, whose definition calls a writing function.
        `create view runctx_writer as select g as id, 'row ' || g as label from runctx_rows() as g`,
        'grant select on runctx_writer to authenticated',
        // A table whose policy expression writes: harmless for the owner (who bypasses RLS), a write under View as.
        'create table runctx_guarded (id int primary key, note text)',
        `insert into runctx_guarded values (1, 'one')`,
        'alter table runctx_guarded enable row level security',
        'create policy runctx_guarded_read on runctx_guarded for select to authenticated using (runctx_bump())',
        'grant select on runctx_guarded to authenticated',
        'create table runctx_edits (id int primary key, v text)',
        'grant select, insert, update on runctx_edits to authenticated',
        'create policy runctx_edits_all on runctx_edits for all to authenticated using (true) with check (true)',
        `create view runctx_slow as select g as id from generate_series(1, 3) as g cross join pg_sleep(${slowSeconds()}) as s`,
      ]) {
        await db.query(sql);
      }
    }, 120_000);

    const expectReadOnlyRefusal = (error: AppError) => expect(error).toMatchObject({ kind: 'sql', code: '25006', layer: 'readonly' });

    it('ISO-10: a view whose definition writes is refused by the server in the grid, the count and the export, on a writable connection; the canary is unchanged', async () => {
      expect(await canary()).toBe(0);
      const meta = await driver.t().call<{ kind: string }>('records.describe', { connectionId: driver.connectionId(), schema: 'public', table: 'runctx_writer' });
      expect(meta.kind).toBe('view');
      expectReadOnlyRefusal(await refusal('records.page', { table: 'runctx_writer' }));
      expectReadOnlyRefusal(await refusal('records.count', { table: 'runctx_writer', filters: [], timeoutMs: 10_000 }));
      expectReadOnlyRefusal(await refusal('records.export', { table: 'runctx_writer', filters: [], format: 'csv' }));
      // A refused export leaves no partial file behind.
      expect(await readdir(join(driver.t().dir, 'exports')).catch(() => [])).toEqual([]);
      expect(await canary()).toBe(0);
    });

    it('ISO-10: under View as, the grid page and a value read are READ ONLY too (a policy expression that writes is refused)', async () => {
      expectReadOnlyRefusal(await refusal('records.page', { table: 'runctx_writer', as: identity }));
      expectReadOnlyRefusal(await refusal('records.page', { table: 'runctx_guarded', as: identity }));
      expectReadOnlyRefusal(await refusal('records.value', { table: 'runctx_guarded', as: identity, key: ['1'], column: 'note', offset: 0, length: 10 }));
      expectReadOnlyRefusal(await refusal('records.count', { table: 'runctx_guarded', as: identity, filters: [], timeoutMs: 10_000 }));
      // As the connection (the owner bypasses RLS) the same table reads normally.
      const page = await driver.t().call<{ rows: unknown[][] }>('records.page', { connectionId: driver.connectionId(), schema: 'public', table: 'runctx_guarded' });
      expect(page.rows).toEqual([['1', 'one']]);
      expect(await canary()).toBe(0);
    });

    it('ISO-10: a grid edit on a connection the run context calls read-only is refused by the SERVER, with the early check skipped; as the identity too', async () => {
      const db = driver.db();
      const before = await rows(db);
      // The pool itself is writable; only the run context's decision says read-only. applyChanges
      // is the write path below records.apply, whose `assertWritable` is not called here.
      const readOnly = new RunRegistry({ database: () => db, isReadOnly: () => true });
      const insert = (id: string) => [{ kind: 'insert' as const, values: [{ column: 'id', value: id }, { column: 'v', value: 'written' }] }];
      const refused = await readOnly.run({ connectionId: driver.connectionId() }, undefined, async (ctx) => {
        const info = await ctx.read((q) => readTableInfo(q, 'public', 'runctx_edits'));
        return applyChanges((fn) => ctx.write(fn), info, insert('1')).then(
          () => undefined,
          (err: unknown) => toAppError(err),
        );
      });
      expect(refused).toMatchObject({ code: '25006', layer: 'readonly' });
      const asIdentity = await readOnly.run({ connectionId: driver.connectionId(), as: identity }, undefined, async (ctx) => {
        const info = await ctx.readAsLogin((q) => readTableInfo(q, 'public', 'runctx_edits'));
        return applyChanges((fn) => ctx.write(fn, { commit: true }), info, insert('2')).then(
          () => undefined,
          (err: unknown) => toAppError(err),
        );
      });
      expect(asIdentity).toMatchObject({ code: '25006', layer: 'readonly' });
      expect(await rows(db)).toEqual(before);
      // The same write where the run context says writable goes through: the refusal above was the mode, not the SQL.
      const writable = new RunRegistry({ database: () => db, isReadOnly: () => false });
      const applied = await writable.run({ connectionId: driver.connectionId() }, undefined, async (ctx) => {
        const info = await ctx.read((q) => readTableInfo(q, 'public', 'runctx_edits'));
        return applyChanges((fn) => ctx.write(fn), info, insert('3'));
      });
      expect(applied).toMatchObject({ status: 'applied', inserted: 1 });
      expect(await rows(db)).toEqual([...before, '3']);
      expect(await canary()).toBe(0);
    });

    it('ISO-09: a long grid read cancelled by its request id through the one registry is `cancelled`, and the backend is idle afterwards', async () => {
      const t = driver.t();
      const ref = { connectionId: driver.connectionId(), schema: 'public', table: 'runctx_slow' };
      await t.call('records.describe', ref);
      const page = t.callError('records.page', { ...ref, requestId: 'runctx-slow-page' });
      if (driver.ctx.kind === 'postgres') {
        // Cancel only once the statement really runs on the server.
        await until('the slow page runs on the server', async () => (await activity(driver.db())).some((a) => a.state === 'active' && a.query.includes('runctx_slow')));
      }
      expect(await t.call('records.cancel', { requestId: 'runctx-slow-page' })).toEqual({ cancelled: true });
      expect(await page).toMatchObject({ kind: 'cancelled' });
      if (driver.ctx.kind === 'postgres') {
        // Every backend of the app's pool is back to idle: no statement left running, no transaction left open.
        await until('the pool is idle', async () => (await activity(driver.db())).every((a) => a.state === 'idle'));
      } else {
        // PGlite's one session is outside any transaction (a READ ONLY one left open would say 'on').
        expect((await driver.db().query<{ ro: string }>(`select current_setting('transaction_read_only') as ro`)).rows[0]?.ro).toBe('off');
      }
      // And the next read works.
      const next = await t.call<{ rows: unknown[][] }>('records.page', { connectionId: driver.connectionId(), schema: 'public', table: 'runctx_guarded' });
      expect(next.rows).toEqual([['1', 'one']]);
    }, 60_000);
  },
  { migrate: true },
);

async function rows(db: Database): Promise<string[]> {
  return (await db.query<{ id: string }>('select id::text as id from runctx_edits order by id')).rows.map((r) => r.id);
}

/** The app's other backends on this database (application_name 'warden'), as the server sees them. */
async function activity(db: Database): Promise<{ state: string; query: string }[]> {
  const { rows } = await db.query<{ state: string; query: string }>(
    `select coalesce(state, '') as state, query from pg_stat_activity
      where datname = current_database() and application_name = 'warden' and pid <> pg_backend_pid()`,
  );
  return rows;
}

/** Polls a condition a bounded number of times (no time is asserted). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}
