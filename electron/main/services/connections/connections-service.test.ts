import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { type App, createApp } from '../../app';
import { parsePostgresUrl } from '../../db/url';
import { testDatabaseUrl } from '../../db/test-databases';
import { createNodeSecrets } from '../../secrets-node';
import { APP_ORIGIN } from '../../security/trusted-sender';

const sender = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };
const canary = 'Canary-Pa55word-9d1e';

async function call<T>(app: App, channel: string, input: unknown): Promise<T> {
  const result = await app.router.call(channel, input, sender);
  if (!result.ok) throw Object.assign(new Error(result.error.message), { appError: result.error });
  return result.data as T;
}

describe('connections service', () => {
  let dir = '';
  let app: App;
  const payloads: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-conn-'));
    app = await createApp({ userDataDir: dir, secrets: createNodeSecrets(), trustedOrigins: [APP_ORIGIN], emit: (e, p) => payloads.push(JSON.stringify([e, p])) });
    const original = app.router.call.bind(app.router);
    // Record every envelope that would cross IPC, to prove the canary never does.
    app.router.call = async (channel, input, s) => {
      const result = await original(channel, input, s);
      payloads.push(JSON.stringify(result));
      return result;
    };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens on the embedded database with no setup', async () => {
    const list = await call<ChannelOutput<'connections.list'>>(app, 'connections.list', {});
    expect(list[0]).toMatchObject({ id: 'embedded', kind: 'embedded', state: 'ready', readOnly: false });
    const info = await call<ChannelOutput<'connections.serverInfo'>>(app, 'connections.serverInfo', { id: 'embedded' });
    expect(info.serverVersion).toMatch(/PostgreSQL 1\d.*PGlite/);
  });

  it('validation: a draft with a broken URL or missing fields names the fields', async () => {
    const bad = await app.router.call('connections.save', { name: 'x', environment: 'development', url: 'mysql://u@h/d' }, sender);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ path: ['url'] }] } });
    const missing = await app.router.call('connections.save', { name: 'x', environment: 'development', host: 'h' }, sender);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.issues?.map((i) => i.path[0]).sort()).toEqual(['database', 'user']);
    const port = await app.router.call('connections.save', { name: 'x', environment: 'development', host: 'h', port: 70000 }, sender);
    expect(port).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ path: ['port'] }] } });
  });

  it('SEC-09: refuses to store a password when secure storage is only basic_text, and offers ask-every-time', async () => {
    const weakDir = await mkdtemp(join(tmpdir(), 'warden-weak-'));
    const weak = await createApp({ userDataDir: weakDir, secrets: createNodeSecrets({ reportedState: 'basic_text' }), trustedOrigins: [APP_ORIGIN] });
    try {
      const refused = await weak.router.call('connections.save', { name: 'w', environment: 'development', url: 'postgres://u@127.0.0.1/d', password: canary }, sender);
      expect(refused).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ path: ['askPassword'] }] } });
      const ask = await weak.router.call('connections.save', { name: 'w', environment: 'development', url: 'postgres://u@127.0.0.1/d', askPassword: true }, sender);
      expect(ask).toMatchObject({ ok: true, data: { askPassword: true, hasPassword: false } });
      const files = await readdir(weakDir);
      for (const f of files.filter((n) => n.endsWith('.json'))) expect(await readFile(join(weakDir, f), 'utf8')).not.toContain(canary);
    } finally {
      await weak.close();
      await rm(weakDir, { recursive: true, force: true });
    }
  });

  describe.skipIf(!testDatabaseUrl)('against the real server (TEST_DATABASE_URL)', () => {
    let id = '';
    let prodId = '';

    it('SEC-08: saves a connection; the password is encrypted on disk and never returned', async () => {
      const base = parsePostgresUrl(testDatabaseUrl!);
      const saved = await call<ChannelOutput<'connections.save'>>(app, 'connections.save', {
        name: 'Local test server',
        environment: 'development',
        host: base.host,
        port: base.port,
        user: base.user,
        database: base.database,
        sslmode: 'disable',
        password: canary,
      });
      id = saved.id;
      expect(saved).toMatchObject({ hasPassword: true, kind: 'postgres', state: 'disconnected' });
      const onDisk = await readFile(join(dir, 'connections.json'), 'utf8');
      expect(onDisk).not.toContain(canary);
      expect(JSON.parse(onDisk).connections[0].passwordCipher).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    });

    it('tests, connects and reports the server version', async () => {
      const tested = await call<ChannelOutput<'connections.test'>>(app, 'connections.test', { id });
      expect(tested.serverVersion).toMatch(/^PostgreSQL \d+/);
      const connected = await call<ChannelOutput<'connections.connect'>>(app, 'connections.connect', { id });
      expect(connected.state).toBe('ready');
      const info = await call<ChannelOutput<'connections.serverInfo'>>(app, 'connections.serverInfo', { id });
      expect(info).toMatchObject({ database: parsePostgresUrl(testDatabaseUrl!).database, readOnly: false });
    });

    it('CONN-03: a database that does not exist is an `auth` error naming it, without the password', async () => {
      const base = parsePostgresUrl(testDatabaseUrl!);
      const result = await app.router.call(
        'connections.test',
        { draft: { name: 'bad', environment: 'development', host: base.host, port: base.port, user: base.user, database: 'warden_no_such_db', password: canary } },
        sender,
      );
      expect(result).toMatchObject({ ok: false, error: { kind: 'auth', code: '3D000' } });
      if (!result.ok) expect(result.error.message).toContain('warden_no_such_db');
    });

    it('production connections open read-only until the name is typed', async () => {
      const base = parsePostgresUrl(testDatabaseUrl!);
      const saved = await call<ChannelOutput<'connections.save'>>(app, 'connections.save', {
        name: 'Prod (test)',
        environment: 'production',
        url: `postgres://${base.user}@${base.host}:${base.port}/${base.database}`,
      });
      prodId = saved.id;
      const connected = await call<ChannelOutput<'connections.connect'>>(app, 'connections.connect', { id: prodId });
      expect(connected.readOnly).toBe(true);
      const db = app.services.connections.database(prodId);
      await expect(db.query('create temp table ro_check (id int)')).rejects.toMatchObject({ code: '25006' });
      const wrong = await app.router.call('connections.unlockWrites', { id: prodId, confirmation: 'prod' }, sender);
      expect(wrong).toMatchObject({ ok: false, error: { kind: 'validation' } });
      const unlocked = await call<ChannelOutput<'connections.unlockWrites'>>(app, 'connections.unlockWrites', { id: prodId, confirmation: 'Prod (test)' });
      expect(unlocked.readOnly).toBe(false);
      await app.services.connections.database(prodId).query('create temp table rw_check (id int)');
    });

    it('disconnects and removes; the saved list on disk follows', async () => {
      await call(app, 'connections.disconnect', { id: prodId });
      expect((await call<{ removed: boolean }>(app, 'connections.remove', { id: prodId })).removed).toBe(true);
      const onDisk = JSON.parse(await readFile(join(dir, 'connections.json'), 'utf8'));
      expect(onDisk.connections.map((c: { id: string }) => c.id)).toEqual([id]);
    });

    it('SEC-08: the canary password never crossed IPC', () => {
      expect(payloads.length).toBeGreaterThan(5);
      for (const p of payloads) expect(p).not.toContain(canary);
    });
  });
});
