import { beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../../db/test-databases';
import type { AppFailure } from '../../db/errors';
import { ref, serviceFor } from './test-helpers';

// Staged writes on both drivers: optimistic concurrency (xmin), all-or-nothing batches, the
// refusing layer named, and values written back exactly.

describeEachDriver(
  'records writes',
  (getDb) => {
    const service = () => serviceFor(getDb);

    async function row(table: string, id: string) {
      const page = await service().page({ ...ref(table), filters: [{ column: 'id', op: 'eq', value: id }], limit: 1, cellCap: 100_000 });
      if (!page.rows[0]) return undefined;
      const cells = Object.fromEntries(page.columns.map((c, i) => [c, page.rows[0]![i]]));
      return { key: page.keys[0]!, xmin: page.xmins[0]!, cells };
    }

    async function failure(promise: Promise<unknown>) {
      try {
        await promise;
      } catch (err) {
        return (err as AppFailure).appError;
      }
      throw new Error('expected a refusal');
    }

    beforeAll(async () => {
      const db = getDb();
      for (let i = 0; i < 12; i++) {
        await db.query(`insert into "user" (id, name, email, email_verified) values ($1, $2, $3, false)`, [`u${i}`, `User ${i}`, `u${i}@example.com`]);
      }
      await db.query(`create table nopk (a int, b text)`);
      await db.query(`insert into nopk values (1, 'same'), (1, 'same')`);
      await db.query(`create table typed (
        id int primary key, note text, ts timestamp(6), tstz timestamptz, num numeric(40,20), nnan numeric, f float8,
        doc jsonb, raw bytea, d date, iv interval, arr int[])`);
      await db.query(`insert into typed values (1, 'n', '2024-02-29 23:59:59.999999', '2024-02-29 23:59:59.123456+05:30',
        '12345678901234567890.12345678901234567890', 'NaN', 'NaN', '{"big": 123456789012345678901234567890, "x": [1.5e300]}',
        '\\x00ff10', '0001-01-01', '1 year 2 mons 3 days 04:05:06.789', '{1,2,NULL}')`);
    });

    it('EDIT-01: two editors save the same row: the second gets conflict with a diff, nothing overwritten', async () => {
      const seen = (await row('user', 'u1'))!;
      const first = await service().apply({
        ...ref('user'),
        changes: [{ kind: 'update', key: seen.key, xmin: seen.xmin, values: [{ column: 'name', value: 'First editor' }] }],
      });
      expect(first).toEqual({ status: 'applied', inserted: 0, updated: 1, deleted: 0 });
      const second = await service().apply({
        ...ref('user'),
        changes: [
          {
            kind: 'update',
            key: seen.key,
            xmin: seen.xmin,
            values: [{ column: 'name', value: 'Second editor' }],
            original: [{ column: 'name', value: 'User 1' }],
          },
        ],
      });
      expect(second).toMatchObject({ status: 'conflict', reason: 'changed', index: 0 });
      if (second.status !== 'conflict') throw new Error('unreachable');
      expect(second.diff).toEqual([{ column: 'name', original: 'User 1', staged: 'Second editor', current: 'First editor' }]);
      expect(second.current?.find((c) => c.column === 'name')?.value).toBe('First editor');
      expect((await row('user', 'u1'))!.cells.name).toBe('First editor');
    });

    it('EDIT-02: editing a row deleted meanwhile says the row no longer exists', async () => {
      const seen = (await row('user', 'u2'))!;
      await getDb().query(`delete from "user" where id = 'u2'`);
      const result = await service().apply({
        ...ref('user'),
        changes: [{ kind: 'update', key: seen.key, xmin: seen.xmin, values: [{ column: 'name', value: 'ghost' }] }],
      });
      expect(result).toMatchObject({ status: 'conflict', reason: 'gone', current: null });
      if (result.status === 'conflict') expect(result.message).toMatch(/no longer exists/);
      expect(await row('user', 'u2')).toBeUndefined();
    });

    it('EDIT-03: a table without primary key is read-only and never updates two rows', async () => {
      expect((await service().describe(ref('nopk'))).readOnlyReason).toMatch(/no primary key/);
      const page = await service().page({ ...ref('nopk'), filters: [], limit: 10, cellCap: 100 });
      expect(page.rows).toHaveLength(2);
      const error = await failure(
        service().apply({ ...ref('nopk'), changes: [{ kind: 'update', key: page.keys[0]!, xmin: page.xmins[0]!, values: [{ column: 'b', value: 'changed' }] }] }),
      );
      expect(error).toMatchObject({ kind: 'validation', layer: 'readonly' });
      const { rows } = await getDb().query<{ b: string }>(`select b from nopk`);
      expect(rows.map((r) => r.b)).toEqual(['same', 'same']);
    });

    it('EDIT-04: editing one column leaves every other column byte-identical', async () => {
      const snapshot = async () => (await getDb().query(`select to_jsonb(array[ts::text, tstz::text, num::text, nnan::text, f::text, doc::text, encode(raw, 'hex'), d::text, iv::text, arr::text]) as v from typed where id = 1`)).rows[0];
      const before = await snapshot();
      const seen = (await row('typed', '1'))!;
      const result = await service().apply({
        ...ref('typed'),
        changes: [{ kind: 'update', key: seen.key, xmin: seen.xmin, values: [{ column: 'note', value: 'edited' }] }],
      });
      expect(result.status).toBe('applied');
      expect(await snapshot()).toEqual(before);
      expect((await row('typed', '1'))!.cells.note).toBe('edited');
    });

    it('EDIT-05 (fixed values): saving every column unchanged changes nothing', async () => {
      const seen = (await row('typed', '1'))!;
      const values = Object.entries(seen.cells)
        .filter(([c]) => c !== 'id')
        .map(([column, value]) => ({ column, value: value ?? null }));
      const result = await service().apply({ ...ref('typed'), changes: [{ kind: 'update', key: seen.key, xmin: seen.xmin, values }] });
      expect(result.status).toBe('applied');
      expect((await row('typed', '1'))!.cells).toEqual(seen.cells);
    });

    it('EDIT-07: NUL and lone surrogates are refused with a message; everything else is stored exactly', async () => {
      const seen = (await row('typed', '1'))!;
      const update = (value: string) =>
        service().apply({ ...ref('typed'), changes: [{ kind: 'update', key: seen.key, xmin: seen.xmin, values: [{ column: 'note', value }] }] });
      expect(await failure(update('a\u0000b'))).toMatchObject({ kind: 'validation', layer: 'zod', issues: [{ path: ['note'], message: expect.stringMatching(/NUL/) }] });
      expect(await failure(update('a\uD800b'))).toMatchObject({ kind: 'validation', issues: [{ path: ['note'], message: expect.stringMatching(/surrogate/) }] });
      const exotic = `👩‍👩‍👧 e\u0301 \u202Eevil\u202C '"; drop table typed;-- \\ \t\r\n ${'\uFFFF'} <script>alert(1)</script>`;
      expect((await update(exotic)).status).toBe('applied');
      expect((await row('typed', '1'))!.cells.note).toBe(exotic);
    });

    it('EDIT-09: a batch of 10 edits where one violates a constraint applies none and names the constraint', async () => {
      const rows = await Promise.all([3, 4, 5, 6, 7, 8, 9, 10, 11, 0].map((i) => row('user', `u${i}`)));
      const changes = rows.map((r, i) => ({
        kind: 'update' as const,
        key: r!.key,
        xmin: r!.xmin,
        values: [i === 7 ? { column: 'email', value: 'u3@example.com' } : { column: 'name', value: `batch ${i}` }],
      }));
      const error = await failure(service().apply({ ...ref('user'), changes }));
      expect(error).toMatchObject({ kind: 'sql', code: '23505', layer: 'constraint', constraint: 'user_email_unique' });
      expect(error.message).toMatch(/Change 8 of 10/);
      const after = await Promise.all([3, 4, 5, 6, 7, 8, 9, 10, 11, 0].map((i) => row('user', `u${i}`)));
      expect(after.map((r) => r!.cells.name)).toEqual(rows.map((r) => r!.cells.name));
    });

    it('Zod layer: an invalid email is refused with its field path; $defaultFn fills the id on insert', async () => {
      const meta = await service().describe(ref('user'));
      expect(meta.zod).toBe(true);
      expect(meta.columns.find((c) => c.name === 'id')).toMatchObject({ appDefault: true, primaryKey: true });
      expect(meta.columns.find((c) => c.name === 'email')).toMatchObject({ appDefault: false, hasDefault: false, nullable: false });
      const bad = await failure(
        service().apply({ ...ref('user'), changes: [{ kind: 'insert', values: [{ column: 'name', value: 'N' }, { column: 'email', value: 'not-an-email' }] }] }),
      );
      expect(bad).toMatchObject({ kind: 'validation', layer: 'zod' });
      expect(bad.issues?.map((i) => i.path[0])).toContain('email');
      const preview = await service().preview({ ...ref('user'), changes: [{ kind: 'insert', values: [{ column: 'name', value: 'N' }, { column: 'email', value: 'new@example.com' }] }] });
      expect(preview.statements[0]!.sql).toMatch(/^INSERT INTO "public"."user" \("name", "email", "id"/);
      expect(preview.statements[0]!.params[2]).toMatch(/^[0-9a-f-]{36}$/);
      const ok = await service().apply({ ...ref('user'), changes: [{ kind: 'insert', values: [{ column: 'name', value: 'N' }, { column: 'email', value: 'new@example.com' }] }] });
      expect(ok).toMatchObject({ status: 'applied', inserted: 1 });
      const { rows } = await getDb().query<{ id: string }>(`select id from "user" where email = 'new@example.com'`);
      expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('a production connection refuses writes until unlocked, before any SQL runs', async () => {
      const seen = (await row('user', 'u3'))!;
      const error = await failure(
        serviceFor(getDb, { readOnly: true }).apply({
          ...ref('user'),
          changes: [{ kind: 'delete', key: seen.key, xmin: seen.xmin }],
        }),
      );
      expect(error).toMatchObject({ kind: 'validation', layer: 'readonly' });
      expect(await row('user', 'u3')).toBeDefined();
    });

    it('deletes are guarded by xmin too', async () => {
      const seen = (await row('user', 'u4'))!;
      await getDb().query(`update "user" set name = 'touched' where id = 'u4'`);
      const result = await service().apply({ ...ref('user'), changes: [{ kind: 'delete', key: seen.key, xmin: seen.xmin }] });
      expect(result).toMatchObject({ status: 'conflict', reason: 'changed' });
      const fresh = (await row('user', 'u4'))!;
      expect(await service().apply({ ...ref('user'), changes: [{ kind: 'delete', key: fresh.key, xmin: fresh.xmin }] })).toMatchObject({ deleted: 1 });
    });
  },
  { migrate: true },
);
