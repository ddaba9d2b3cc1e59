import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import { startTestApp, type TestApp } from '../../testing/app-harness';
import { createPgCluster, type PgCluster } from '../../testing/pg-cluster';

/**
 * ISO-12 where passwords are really checked: a throwaway cluster with SCRAM authentication (the
 * shared test server trusts every login). The reader login's password is rotated behind Warden's
 * back: the next run is a classified error naming the login and how to recreate it, the status
 * shows it broken, no password reaches any payload, and Recreate sets a new one that works.
 */
const canRun = process.platform === 'linux';
const password = 'Canary-ISO10-Superuser-Pw';

describe.runIf(canRun)('ISO-12: a helper login whose password no longer works (SCRAM cluster)', () => {
  let cluster: PgCluster;
  let t: TestApp;

  beforeAll(async () => {
    cluster = await createPgCluster({ auth: 'scram-sha-256', superuserPassword: password });
    t = await startTestApp();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await cluster?.destroy();
  });

  it('ISO-12: ALTER ROLE … PASSWORD behind Warden: the next run is an `auth` error naming the reader login with the fix; the status says broken; Recreate works', async () => {
    const prod = await t.saveAndConnect({ name: 'prod scram', environment: 'production', host: '127.0.0.1', port: cluster.port, user: 'postgres', database: 'postgres', sslmode: 'disable', password });
    expect(prod).toMatchObject({ readOnly: true, loginIsSuperuser: true });
    const created = await t.call<ConnectionSummary>('connections.createHelperLogin', { id: prod.id, kind: 'reader' });
    const role = created.helperLogins?.[0]?.role ?? '';
    // Named after the connection, so two connections on one cluster never collide.
    expect(role).toMatch(/^warden_reader_[0-9a-f]{8}$/);
    const run = (runId: string) => t.call<{ rows: unknown[][] }>('console.run', { connectionId: prod.id, runId, sql: 'select session_user::text', commit: true });
    expect((await run('a')).rows).toEqual([[role]]);

    await cluster.psql(`alter role ${role} password 'x'`);
    await cluster.psql(`select pg_terminate_backend(pid) from pg_stat_activity where usename = '${role}'`);
    const error = await t.callError('console.run', { connectionId: prod.id, runId: 'b', sql: 'select session_user::text', commit: true });
    expect(error).toMatchObject({ kind: 'auth', code: 'reader_login_failed', hint: expect.stringMatching(/^Recreate the reader login/) });
    expect(error.message).toContain(`The reader login "${role}" cannot log in: password authentication failed for user "${role}"`);
    const broken = await t.call<ConnectionSummary>('connections.status', { id: prod.id });
    expect(broken.state).toBe('ready');
    expect(broken.helperLogins).toEqual([{ kind: 'reader', role, state: 'broken', reason: expect.stringContaining('password authentication failed') }]);

    const recreated = await t.call<ConnectionSummary>('connections.createHelperLogin', { id: prod.id, kind: 'reader' });
    expect(recreated.helperLogins).toEqual([{ kind: 'reader', role, state: 'ready' }]);
    expect((await run('c')).rows).toEqual([[role]]);
    // SEC-08 for generated passwords: neither the login's nor the helper's in any payload or event.
    const secrets = t.app.services.connections.knownSecrets();
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const secret of secrets) expect(t.payloads.join('\n')).not.toContain(secret);
  });
});
