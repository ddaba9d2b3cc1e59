import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { textProblem } from '../../../../shared/records/text';
import { describeEachDriver } from '../../db/test-databases';
import { ref, serviceFor } from './test-helpers';

// EDIT-05: a fuzzed type round trip. Values go in as text through the service, come back as
// the text PostgreSQL prints, are saved unchanged, and must come back byte-identical. Run in
// three time zones: the process zone (Node Dates, Zod's date parsing) and the session zone
// (timestamptz output) are both set, so nothing may depend on either.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const timestampText = fc
  .record({
    y: fc.integer({ min: 1, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    us: fc.integer({ min: 0, max: 999_999 }),
  })
  .map(({ y, mo, d, h, mi, s, us }) => `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}.${pad(us, 6)}`);

const safeText = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => textProblem(s) === undefined);

const rowArb = fc.record({
  note: fc.option(safeText, { nil: null }),
  big: fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String), { nil: null }),
  num: fc.option(
    fc.tuple(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), fc.integer({ min: 0, max: 20 })).map(([m, scale]) => {
      const digits = (m < 0n ? -m : m).toString().padStart(scale + 1, '0');
      const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
      return (m < 0n ? '-' : '') + text;
    }),
    { nil: null },
  ),
  f: fc.option(fc.oneof(fc.double().map((x) => (Object.is(x, -0) ? '-0' : String(x)).replace('Infinity', 'Infinity')), fc.constant('NaN')), { nil: null }),
  flag: fc.option(fc.boolean().map(String), { nil: null }),
  ts: fc.option(timestampText, { nil: null }),
  tstz: fc.option(timestampText.map((t) => `${t}+00`), { nil: null }),
  d: fc.option(timestampText.map((t) => t.slice(0, 10)), { nil: null }),
  doc: fc.option(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v).replace(/\\u0000/g, '')), { nil: null }),
  raw: fc.option(fc.uint8Array({ maxLength: 32 }).map((b) => `\\x${Buffer.from(b).toString('hex')}`), { nil: null }),
});

export function roundTripSuite(timeZone: string): void {
  process.env.TZ = timeZone;
  describeEachDriver(
    `EDIT-05 round trip in ${timeZone}`,
    (getDb) => {
      const service = () => serviceFor(getDb);
      beforeAll(async () => {
        // One connection (max: 1), so the session zone holds for every statement.
        await getDb().query(`select set_config('TimeZone', $1, false)`, [timeZone]);
        await getDb().query(`create table rt (id serial primary key, note text, big int8, num numeric, f float8, flag boolean,
          ts timestamp(6), tstz timestamptz, d date, doc jsonb, raw bytea)`);
        await getDb().query(`insert into "user" (id, name, email, email_verified) values ('tz', 'tz', 'tz@example.com', false)`);
      });

      const read = async (table: string, id: string) => {
        const page = await service().page({ ...ref(table), filters: [{ column: 'id', op: 'eq', value: id }], limit: 1, cellCap: 100_000 });
        return { key: page.keys[0]!, xmin: page.xmins[0]!, cells: Object.fromEntries(page.columns.map((c, i) => [c, page.rows[0]![i]])) };
      };

      it(`EDIT-05: fuzzed values survive insert, read and an unchanged save exactly (TZ=${timeZone})`, async () => {
        expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(timeZone === 'UTC' ? 'UTC' : timeZone);
        await fc.assert(
          fc.asyncProperty(rowArb, async (values) => {
            const entries = Object.entries(values).map(([column, value]) => ({ column, value: value ?? null }));
            const result = await service().apply({ ...ref('rt'), changes: [{ kind: 'insert', values: entries }] });
            expect(result.status).toBe('applied');
            const { rows } = await getDb().query<{ id: string }>(`select max(id)::text as id from rt`);
            const id = rows[0]!.id;
            const first = await read('rt', id);
            // What PostgreSQL itself prints for each input: the grid must show exactly that.
            for (const { column, value } of entries) {
              const col = column === 'num' ? 'numeric' : column === 'big' ? 'int8' : column === 'f' ? 'float8' : column === 'flag' ? 'boolean' : column === 'ts' ? 'timestamp(6)' : column === 'tstz' ? 'timestamptz' : column === 'd' ? 'date' : column === 'doc' ? 'jsonb' : column === 'raw' ? 'bytea' : 'text';
              const canonical = (await getDb().query<{ v: string | null }>(`select $1::text::${col}::text as v`, [value])).rows[0]!.v;
              expect(first.cells[column], column).toBe(canonical);
            }
            const resave = Object.entries(first.cells)
              .filter(([c]) => c !== 'id')
              .map(([column, value]) => ({ column, value: value ?? null }));
            const saved = await service().apply({ ...ref('rt'), changes: [{ kind: 'update', key: first.key, xmin: first.xmin, values: resave }] });
            expect(saved.status).toBe('applied');
            expect((await read('rt', id)).cells).toEqual(first.cells);
          }),
          { numRuns: 25, seed: 42 },
        );
      });

      it(`EDIT-05: a Zod-validated timestamp (Date in this zone) is stored exactly as typed (TZ=${timeZone})`, async () => {
        await fc.assert(
          fc.asyncProperty(timestampText.filter((t) => t >= '1000'), async (text) => {
            const seen = await read('user', 'tz');
            const result = await service().apply({
              ...ref('user'),
              changes: [{ kind: 'update', key: seen.key, xmin: seen.xmin, values: [{ column: 'ban_expires', value: text }] }],
            });
            expect(result.status).toBe('applied');
            const canonical = (await getDb().query<{ v: string }>(`select $1::text::timestamp::text as v`, [text])).rows[0]!.v;
            expect((await read('user', 'tz')).cells.ban_expires).toBe(canonical);
          }),
          { numRuns: 20, seed: 7 },
        );
      });
    },
    { migrate: true, max: 1 },
  );
}
