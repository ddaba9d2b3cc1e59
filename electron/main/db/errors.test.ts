import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeEachDriver } from './test-databases';
import { AppFailure, redactAppError, toAppError } from './errors';

const canary = 'canary-param-7f3a9c';

describeEachDriver('database errors', (getDb) => {
  it('ERR-01: a raw query error keeps SQLSTATE and message but never the bound value', async () => {
    const err = await getDb()
      .query('select $1::int as n', [canary])
      .then(() => null, (e: unknown) => e);
    const appError = toAppError(err);
    expect(appError).toMatchObject({ kind: 'sql', code: '22P02' });
    expect(JSON.stringify(appError)).not.toContain(canary);
    expect(Object.keys(appError).every((k) => ['kind', 'code', 'message', 'detail', 'hint', 'layer', 'constraint'].includes(k))).toBe(true);
  });

  it('ERR-01: drizzle query errors (whose message lists every parameter) are reduced to the server fields', async () => {
    const err = await getDb()
      .drizzle.execute(sql`select ${canary}::int as n`)
      .then(() => null, (e: unknown) => e);
    expect(String((err as Error).message)).toContain(canary); // drizzle's own message does leak it...
    const appError = toAppError(err);
    expect(appError.code).toBe('22P02');
    expect(JSON.stringify(appError)).not.toContain(canary); // ...ours never does.
  });

  it('ERR-01: constraint violations name the constraint and the layer', async () => {
    const db = getDb();
    await db.query('create table err_probe (id int primary key, email text constraint err_probe_email_key unique)');
    await db.query(`insert into err_probe values (1, 'a@example.com')`);
    const err = await db.query('insert into err_probe values ($1, $2)', [2, 'a@example.com']).then(() => null, (e: unknown) => e);
    const appError = toAppError(err);
    expect(appError).toMatchObject({ kind: 'sql', code: '23505', layer: 'constraint', constraint: 'err_probe_email_key' });
    await db.query('drop table err_probe');
  });

  it('ERR-01: division by zero, missing table and read-only are classified', async () => {
    const db = getDb();
    const e1 = toAppError(await db.query('select 1/0').catch((e: unknown) => e));
    expect(e1).toMatchObject({ kind: 'sql', code: '22012' });
    const e2 = toAppError(await db.query('select * from no_such_table_x').catch((e: unknown) => e));
    expect(e2).toMatchObject({ kind: 'sql', code: '42P01' });
    const e3 = toAppError(
      await db
        .transaction(async (tx) => {
          await tx.query('set transaction read only');
          await tx.query('create table ro_probe (id int)');
        })
        .catch((e: unknown) => e),
    );
    expect(e3).toMatchObject({ kind: 'sql', code: '25006', layer: 'readonly' });
  });
});

describe('error classification', () => {
  it('ERR-01: network, TLS and timeout codes map to their kinds with fixed messages', () => {
    expect(toAppError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'network' });
    expect(toAppError(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }))).toMatchObject({ kind: 'tls', message: 'The server certificate has expired.' });
    expect(toAppError(Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }))).toMatchObject({ kind: 'tls' });
    expect(toAppError(Object.assign(new Error('write CONNECT_TIMEOUT 127.0.0.1:1'), { code: 'CONNECT_TIMEOUT' }))).toMatchObject({ kind: 'timeout' });
    expect(toAppError(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014', severity: 'ERROR' }))).toMatchObject({ kind: 'timeout' });
    expect(toAppError(Object.assign(new Error('canceling statement due to user request'), { code: '57014', severity: 'ERROR' }))).toMatchObject({ kind: 'cancelled' });
    expect(toAppError(Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01', severity: 'FATAL' }))).toMatchObject({ kind: 'auth' });
    expect(toAppError(Object.assign(new Error('database "nope" does not exist'), { code: '3D000', severity: 'FATAL' }))).toMatchObject({ kind: 'auth' });
    expect(toAppError(Object.assign(new Error('new row violates row-level security policy for table "t"'), { code: '42501', severity: 'ERROR' }))).toMatchObject({ layer: 'policy' });
    expect(toAppError(Object.assign(new Error('permission denied for table t'), { code: '42501', severity: 'ERROR' }))).toMatchObject({ layer: 'grant' });
  });

  it('ERR-01: URL userinfo and known secrets are scrubbed from every text field', () => {
    const e = redactAppError(
      { kind: 'network', message: 'could not reach postgres://admin:s3cret-pw@db.internal:5432/app', detail: 'pw s3cret-pw', hint: 'x' },
      ['s3cret-pw'],
    );
    expect(JSON.stringify(e)).not.toContain('s3cret-pw');
    expect(e.message).toContain('postgres://***@db.internal');
  });

  it('ERR-01: errors the app raised on purpose pass through unchanged, and unknown errors become `internal` without a stack', () => {
    expect(toAppError(new AppFailure({ kind: 'conflict', message: 'row changed' }))).toEqual({ kind: 'conflict', message: 'row changed' });
    const internal = toAppError(new TypeError('Cannot read properties of undefined'));
    expect(internal.kind).toBe('internal');
    expect(JSON.stringify(internal)).not.toContain('.ts:');
  });
});
