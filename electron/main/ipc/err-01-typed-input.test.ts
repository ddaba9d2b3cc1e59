import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppError } from '../../../shared/ipc/errors';
import { type FakePgServer, startFakePgServer } from '../testing/fake-pg-server';
import { describeRouterOnEachDriver } from '../testing/router-each-driver';

/**
 * ERR-01 both ways, through the router on both drivers: passwords and bound values are
 * scrubbed from every error, yet an error about the SQL the person typed quotes their text
 * exactly, even when a known password happens to occur in it. The known password here is
 * deliberately an ordinary word that also names a table.
 */
const secret = 'widget_orders';

describeRouterOnEachDriver('ERR-01: redaction keeps the typed input', ({ t, connectionId, db }) => {
  let fake: FakePgServer;
  const run = (sql: string) => t().callError('console.run', { connectionId: connectionId(), runId: 'err01', sql });

  beforeAll(async () => {
    // The password becomes a known secret the way it does in the app: used for a connection.
    fake = await startFakePgServer();
    const login = await t().callError('connections.test', {
      draft: { name: 'x', environment: 'development', host: fake.host, port: fake.port, user: 'u', database: 'd', sslmode: 'disable', password: secret },
    });
    expect(login.kind).toBe('auth');
    expect(t().app.services.connections.knownSecrets()).toContain(secret);
    await db().query('drop table if exists err01_items');
    await db().query('create table err01_items (id int primary key, code text unique)');
    await db().query(`insert into err01_items values (1, '${secret}')`);
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('ERR-01: an error about typed SQL quotes it as typed, though a known password occurs in it', async () => {
    const missing = await run(`select * from ${secret}_archive`);
    expect(missing).toMatchObject({ kind: 'sql', code: '42P01', message: `relation "${secret}_archive" does not exist` });
    const url = await run(`select 'postgres://bob:pw@db.example/app'::int`);
    expect(url).toMatchObject({ code: '22P02', message: 'invalid input syntax for type integer: "postgres://bob:pw@db.example/app"' });
  });

  it('ERR-01: the same password is scrubbed where the person did not type it (a value the server quotes)', async () => {
    const duplicate = await run('insert into err01_items select 2, code from err01_items where id = 1');
    expect(duplicate).toMatchObject({ kind: 'sql', code: '23505', detail: 'Key (code)=(***) already exists.' });
    expect(JSON.stringify(duplicate)).not.toContain(secret);
    // Typed by the person: the server's detail repeats their own value, and it is shown.
    const typed = await run(`insert into err01_items values (3, '${secret}')`);
    expect(typed.detail).toBe(`Key (code)=(${secret}) already exists.`);
  });

  it('ERR-01: bound values are still scrubbed from errors of calls that carry no typed SQL', async () => {
    const bound = 'bound-canary-77c1';
    const error: AppError = await t().callError('records.page', {
      connectionId: connectionId(),
      table: 'err01_items',
      filters: [{ column: 'id', op: 'eq', value: bound }],
    });
    expect(error).toMatchObject({ kind: 'sql', code: '22P02', message: 'invalid input syntax for type integer: "***"' });
    expect(JSON.stringify(error)).not.toContain(bound);
  });
});
