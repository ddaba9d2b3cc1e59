import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../db/errors';
import { isConnectionLost, isReadOnlySql, lostError } from './connection-loss';

describe('CONN-01: which failures mean a lost connection, which statements could have written', () => {
  it.each([
    ['select 1', true],
    ['  /* hi */ SELECT * from t', true],
    ['-- note\nshow statement_timeout', true],
    ['values (1)', true],
    ['table t', true],
    ['explain select 1', true],
    ['with x as (select 1) select * from x', true],
    ['with x as (delete from t returning *) select * from x', false],
    ['explain analyze delete from t', false],
    ['explain (analyze) update t set a = 1', false],
    ['insert into t values (1)', false],
    ['update t set a = 1', false],
    ['commit', false],
    ['call p()', false],
    ['select 1; select 2;', true],
    ['select set_config(\'x\', \'1\', false); delete from t', false],
    ['select * into copy_t from t', false],
  ])('CONN-01: %j read-only: %s (anything unknown counts as a write)', (sql, readOnly) => {
    expect(isReadOnlySql(sql)).toBe(readOnly);
  });

  it('CONN-01: socket and server shutdown codes are losses; statement errors are not; drizzle causes are unwrapped', () => {
    for (const code of ['CONNECTION_CLOSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '08006', '08003']) {
      expect(isConnectionLost(Object.assign(new Error('x'), { code }))).toBe(true);
    }
    for (const code of ['57014', '23505', '42501', '28P01', '40001']) {
      expect(isConnectionLost(Object.assign(new Error('x'), { code }))).toBe(false);
    }
    const wrapped = Object.assign(new Error('Failed query: insert ... params: secret'), { name: 'DrizzleQueryError', cause: Object.assign(new Error('gone'), { code: 'CONNECTION_CLOSED' }) });
    expect(isConnectionLost(wrapped)).toBe(true);
    expect(isConnectionLost(new AppFailure({ kind: 'cancelled', message: 'x' }))).toBe(false);
  });

  it('CONN-01: a lost write is 08007 (outcome unknown, not retried); a lost transaction body says nothing was saved', () => {
    const cause = { kind: 'network' as const, message: 'The connection to the server was lost.' };
    expect(lostError('write', cause).appError).toMatchObject({ code: '08007', detail: expect.stringMatching(/did not retry/) });
    expect(lostError('commit', cause).appError.code).toBe('08007');
    expect(lostError('transaction-body', cause).appError.message).toMatch(/nothing was saved/);
    expect(lostError('read', cause).appError.code).not.toBe('08007');
  });
});
