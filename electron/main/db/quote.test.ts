import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { qualified, quoteIdent } from './quote';
import { describeEachDriver } from './test-databases';

describe('quoteIdent', () => {
  it('SEC-11: doubles embedded quotes and never splits on dots', () => {
    expect(quoteIdent('user')).toBe('"user"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('a.b')).toBe('"a.b"');
    expect(qualified('public', 'x.y')).toBe('"public"."x.y"');
    expect(() => quoteIdent('')).toThrow();
    expect(() => quoteIdent('a\u0000b')).toThrow();
  });

  it('SEC-11: every quoted identifier is one token: starts and ends with a quote, inner quotes paired', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'grapheme' }).filter((s) => !s.includes('\u0000')), (name) => {
        const q = quoteIdent(name);
        expect(q.startsWith('"') && q.endsWith('"')).toBe(true);
        expect(q.slice(1, -1).replaceAll('""', '')).not.toContain('"');
      }),
      { seed: 3 },
    );
  });
});

const hostile = ['a"b', 'x.y', 'drop;--', "o'neil", 'Ünïcödé 表', 'a'.repeat(63), `${'b'.repeat(62)}é`, ' lead', 'x"; drop table canary; --'];

describeEachDriver('quoted identifiers on a real database', (getDb) => {
  it('SEC-11: hostile table and column names touch only the intended object; the canary stays intact', async () => {
    const db = getDb();
    await db.query('create table canary (id int primary key)');
    await db.query('insert into canary values (1), (2)');
    for (const name of hostile) {
      await db.query(`create table ${qualified('public', name)} (${quoteIdent(name)} text)`);
      await db.query(`insert into ${qualified('public', name)} (${quoteIdent(name)}) values ($1)`, [name]);
      const { rows } = await db.query<{ v: string }>(`select ${quoteIdent(name)} as v from ${qualified('public', name)}`);
      expect(rows).toEqual([{ v: name }]);
      await db.query(`drop table ${qualified('public', name)}`);
    }
    const { rows } = await db.query<{ n: string }>('select count(*)::text as n from canary');
    expect(rows[0]?.n).toBe('2');
  });
});
