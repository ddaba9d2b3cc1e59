import { describe, expect, it } from 'vitest';
import { escapeLike, FilterSchema, textArrayLiteral } from './filter';
import { formatBytes, textProblem } from './text';
import { parsePgDateTime, validateValues } from './zod-check';

describe('records helpers (pure)', () => {
  it('SEC-12: contains patterns are taken literally', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('SEC-12: text arrays quote every element so commas, quotes and braces stay values', () => {
    expect(textArrayLiteral(['a,b', 'say "hi"', '{x}', 'back\\slash', 'NULL'])).toBe('{"a,b","say \\"hi\\"","{x}","back\\\\slash","NULL"}');
  });

  it('EDIT-07: NUL and lone surrogates are named; emoji and combining marks are fine', () => {
    expect(textProblem('a\u0000')).toMatch(/NUL/);
    expect(textProblem('\uDC00x')).toMatch(/surrogate/);
    expect(textProblem('x\uD83D')).toMatch(/surrogate/);
    expect(textProblem('👩‍👩‍👧 é')).toBeUndefined();
    expect(FilterSchema.safeParse({ column: 'c', op: 'eq', value: 'x\u0000' }).success).toBe(false);
  });

  it('parses PostgreSQL timestamps for validation, keeping the wall time', () => {
    expect(parsePgDateTime('2024-02-29 23:59:59.999999')?.toISOString()).toBe('2024-02-29T23:59:59.999Z');
    expect(parsePgDateTime('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parsePgDateTime('2024-02-29 10:00:00+05:30')?.toISOString()).toBe('2024-02-29T04:30:00.000Z');
    expect(parsePgDateTime('yesterday')).toBeUndefined();
  });

  it('Zod issues come back keyed by SQL column name, from the same schema main uses', () => {
    const issues = validateValues('public', 'user', 'update', [
      { column: 'email', value: 'nope' },
      { column: 'email_verified', value: 'maybe' },
      { column: 'ban_expires', value: 'not a date' },
    ]);
    expect(issues.map((i) => i.path[0]).sort()).toEqual(['ban_expires', 'email', 'email_verified']);
    expect(validateValues('public', 'user', 'update', [{ column: 'email', value: 'ok@example.com' }])).toEqual([]);
    // A table outside the Drizzle schema: only text problems are reported; PostgreSQL validates the rest.
    expect(validateValues('public', 'not_in_schema', 'insert', [{ column: 'x', value: 'anything' }])).toEqual([]);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(100 * 1024 * 1024)).toBe('100 MB');
  });
});
