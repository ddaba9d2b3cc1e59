import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, ServerInfo } from '../../../../shared/ipc/contracts/connections';
import { toAppError } from '../../db/errors';
import { openPostgres } from '../../db/postgres';
import { startTestApp, type TestApp, waitFor } from '../../testing/app-harness';
import { createTestCa, type TestCa } from '../../testing/openssl-ca';
import { createPgCluster, type PgCluster } from '../../testing/pg-cluster';
import { startTcpProxy, type TcpProxy } from '../../testing/tcp-proxy';

/**
 * CONN-03 (wrong credentials), CONN-05 (TLS failures) and CONN-06 (PG* variables never fill
 * blank fields) on a throwaway cluster with SCRAM authentication and TLS from a throwaway CA.
 * Every connection goes through the fault proxy, which counts connection attempts.
 */
const canRun = process.platform === 'linux';
const password = 'Canary-Pw-7f3a-Secret';

describe.runIf(canRun)('CONN-03/05/06: credentials, TLS and the environment', () => {
  let ca: TestCa;
  let cluster: PgCluster;
  let proxy: TcpProxy;
  let t: TestApp;
  const draft = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    environment: 'development' as const,
    host: '127.0.0.1',
    port: proxy.port,
    user: 'postgres',
    database: 'postgres',
    sslmode: 'disable' as const,
    password,
    ...extra,
  });
  /** Serves another certificate: PostgreSQL reloads its TLS files on SIGHUP. */
  async function serve(cert: { certPem: string; keyPem: string }) {
    await writeFile(join(cluster.dataDir, 'server.crt'), cert.certPem);
    await writeFile(join(cluster.dataDir, 'server.key'), cert.keyPem, { mode: 0o600 });
    await cluster.psql('select pg_reload_conf()');
  }
  const direct = (extra: { sslmode: 'require' | 'verify-full'; sslRootCert?: string; host?: string }) =>
    openPostgres({ host: '127.0.0.1', port: proxy.port, user: 'postgres', database: 'postgres', password, max: 1, connectTimeoutSec: 5, ...extra });

  beforeAll(async () => {
    ca = await createTestCa();
    const valid = await ca.issue({ commonName: 'localhost', hosts: ['127.0.0.1', 'localhost'] });
    cluster = await createPgCluster({ auth: 'scram-sha-256', superuserPassword: password, ssl: valid });
    proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: cluster.port });
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await cluster?.destroy();
    await ca?.remove();
  });

  describe('CONN-03: wrong credentials', () => {
    it.each([
      ['password', { password: 'not-the-password' }, /password authentication failed for user "postgres"/],
      ['user', { user: 'nobody_here' }, /password authentication failed for user "nobody_here"/],
      ['database', { database: 'no_such_db' }, /database "no_such_db" does not exist/],
    ])('CONN-03: wrong %s: `auth` error naming the cause, no password in it, one connection attempt, no retries', async (_what, extra, message) => {
      const saved = await t.call<ConnectionSummary>('connections.save', draft(`wrong-${_what}`, extra));
      const before = proxy.accepted;
      const error = await t.callError('connections.connect', { id: saved.id });
      expect(error.kind).toBe('auth');
      expect(error.message).toMatch(message);
      expect(JSON.stringify(error)).not.toContain(password);
      expect(JSON.stringify(error)).not.toContain('not-the-password');
      expect(await t.call<ConnectionSummary>('connections.status', { id: saved.id })).toMatchObject({ state: 'broken' });
      expect(proxy.accepted - before).toBe(1);
      // Nothing keeps knocking in the background: a later check sees the same single attempt.
      await t.call('connections.list', {});
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(proxy.accepted - before).toBe(1);
    });

    it('CONN-03: the password changes while connected: the reconnect loop stops at the auth error (no retry storm)', async () => {
      const conn = await t.saveAndConnect(draft('rotated'));
      const db = t.app.services.connections.database(conn.id);
      await db.query('select 1');
      const before = proxy.accepted;
      try {
        await cluster.psql("alter role postgres password 'Rotated-Elsewhere-1'");
        await cluster.psql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'warden'");
        await db.query('select 1').catch(() => undefined);
        await waitFor('broken state', async () => (await t.call<ConnectionSummary>('connections.status', { id: conn.id })).state === 'broken');
        const status = await t.call<ConnectionSummary>('connections.status', { id: conn.id });
        expect(status.stateReason).toMatch(/password authentication failed/);
        expect(proxy.accepted - before).toBeLessThanOrEqual(3);
      } finally {
        await cluster.psql(`alter role postgres password '${password}'`);
      }
    });

    it('CONN-03: no envelope or event of this suite ever carried a password', () => {
      const all = t.payloads.join('\n');
      expect(all).not.toContain(password);
      expect(all).not.toContain('not-the-password');
    });
  });

  describe('CONN-05: TLS', () => {
    it('CONN-05: verify-full against a certificate from an unknown CA: `tls` error saying so', async () => {
      const saved = await t.call<ConnectionSummary>('connections.save', draft('untrusted-ca', { sslmode: 'verify-full' }));
      const error = await t.callError('connections.connect', { id: saved.id });
      expect(error.kind).toBe('tls');
      expect(error.message).toMatch(/untrusted certificate authority/);
    });

    it('CONN-05: verify-full with the right CA: connects, labelled "certificate verified"', async () => {
      const db = await direct({ sslmode: 'verify-full', sslRootCert: ca.caCertPem });
      try {
        const { readServerInfo } = await import('./connections-service');
        const info = await readServerInfo(db, 'verify-full');
        expect(info).toMatchObject({ tls: 'verified', tlsLabel: 'Encrypted — certificate verified' });
      } finally {
        await db.close();
      }
    });

    it('CONN-05: a certificate for another host name: `tls` error naming the mismatch', async () => {
      await serve(await ca.issue({ commonName: 'db.example.com', hosts: ['db.example.com'] }));
      const db = await direct({ sslmode: 'verify-full', sslRootCert: ca.caCertPem });
      try {
        const error = toAppError(await db.query('select 1').then(() => undefined, (e: unknown) => e));
        expect(error).toMatchObject({ kind: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
        expect(error.message).toMatch(/does not match the host name/);
      } finally {
        await db.close();
      }
    });

    it('CONN-05: an expired certificate: `tls` error saying it expired', async () => {
      await serve(await ca.issue({ commonName: 'localhost', hosts: ['127.0.0.1'], expired: true }));
      const db = await direct({ sslmode: 'verify-full', sslRootCert: ca.caCertPem });
      try {
        const error = toAppError(await db.query('select 1').then(() => undefined, (e: unknown) => e));
        expect(error).toMatchObject({ kind: 'tls', code: 'CERT_HAS_EXPIRED' });
        expect(error.message).toMatch(/expired/);
      } finally {
        await db.close();
      }
    });

    it('CONN-05: sslmode=require connects even then, and is labelled "certificate not verified"', async () => {
      const conn = await t.saveAndConnect(draft('require', { sslmode: 'require' }));
      const info = await t.call<ServerInfo>('connections.serverInfo', { id: conn.id });
      expect(info).toMatchObject({ tls: 'not-verified', tlsLabel: 'Encrypted — certificate not verified' });
      await t.call('connections.disconnect', { id: conn.id });
    });
  });

  describe('CONN-06: PG* environment variables never fill blank fields', () => {
    const vars = {
      PGHOST: '127.0.0.1',
      PGPORT: '1',
      PGUSER: 'postgres',
      PGPASSWORD: password,
      PGDATABASE: 'postgres',
      PGSSLMODE: 'verify-full',
      PGCONNECT_TIMEOUT: '1',
    };
    const saved: Record<string, string | undefined> = {};
    beforeAll(() => {
      for (const [k, v] of Object.entries(vars)) {
        saved[k] = process.env[k];
        process.env[k] = v;
      }
    });
    afterAll(() => {
      for (const k of Object.keys(vars)) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    });

    it('CONN-06: a draft without user and database is refused, naming the fields (not filled from PGUSER / PGDATABASE)', async () => {
      const error = await t.callError('connections.save', { name: 'blank', environment: 'development', host: '127.0.0.1', port: proxy.port });
      expect(error.kind).toBe('validation');
      expect(error.issues?.map((i) => i.path[0]).sort()).toEqual(['database', 'user']);
    });

    it('CONN-06: no password saved: PGPASSWORD is not used (auth fails); no sslmode: PGSSLMODE is not used (plain connection)', async () => {
      const noPassword = await t.call<ConnectionSummary>('connections.save', draft('no-password', { password: undefined }));
      expect(noPassword.hasPassword).toBe(false);
      const error = await t.callError('connections.connect', { id: noPassword.id });
      expect(error.kind).toBe('auth');
      // With the password but no sslmode: PGSSLMODE=verify-full would fail on the test CA; it is ignored.
      const noSsl = await t.saveAndConnect(draft('no-sslmode', { sslmode: undefined }));
      const info = await t.call<ServerInfo>('connections.serverInfo', { id: noSsl.id });
      expect(info.tls).toBe('none');
      // PGPORT=1 was ignored too: the saved port was used.
      expect(noSsl.port).toBe(proxy.port);
    });
  });
});

if (!canRun) describe.skip('CONN-03/05/06 — skipped: needs Linux with PostgreSQL server binaries and openssl', () => {
  it('skipped', () => {});
});
