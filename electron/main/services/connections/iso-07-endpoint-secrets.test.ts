import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import { createNodeSecrets } from '../../secrets-node';
import { startTestApp, type TestApp } from '../../testing/app-harness';
import { type FakePgServer, startFakePgServer } from '../../testing/fake-pg-server';
import { openPassword, sealPassword } from './endpoint-secret';

/**
 * ISO-07: a stored password is used only for the host, port, user and database it was saved
 * with. Every server here is a recorder that asks for the password in clear text, the way a
 * hostile server would; the canary must never be among the bytes one receives unless it is the
 * endpoint the password was saved for. All calls go through the real router.
 */
const canary = 'Canary-ISO07-e4b1-Pw';
const typed = 'Typed-ISO07-for-new-endpoint';
const has = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'utf8'));

describe('ISO-07: secrets bound to their endpoint', () => {
  let t: TestApp;
  let legit: FakePgServer;
  const others: FakePgServer[] = [];
  const base = () => ({ name: 'bound', environment: 'development' as const, host: legit.host, port: legit.port, user: 'alice', database: 'app', sslmode: 'disable' as const });

  beforeAll(async () => {
    legit = await startFakePgServer();
    t = await startTestApp({ secrets: createNodeSecrets(), resilience: { busyAfterMs: 100, cancelGraceMs: 1000, backoffMs: () => 100, maxAttempts: 1, connectTimeoutSec: 3 } });
  }, 120_000);
  afterEach(async () => {
    for (const s of others.splice(0)) await s.close();
  });
  afterAll(async () => {
    await t?.close();
    await legit?.close();
  });

  async function saved(): Promise<ConnectionSummary> {
    return t.call<ConnectionSummary>('connections.save', { ...base(), password: canary });
  }

  it('ISO-07: control: the endpoint the password was saved for does receive it (the recorder works)', async () => {
    const conn = await saved();
    expect(conn.hasPassword).toBe(true);
    const error = await t.callError('connections.test', { id: conn.id });
    expect(error.kind).toBe('auth');
    expect(has(legit.received(), canary)).toBe(true);
    expect(JSON.stringify(error)).not.toContain(canary);
  });

  /** Each edit names another endpoint; the recorder that would receive it is started per case. */
  const edits: [string, () => Promise<{ server: FakePgServer; change: Record<string, unknown> }>][] = [
    ['port', async () => { const s = await startFakePgServer('127.0.0.1'); return { server: s, change: { port: s.port } }; }],
    ['host', async () => { const s = await startFakePgServer('127.0.0.2', legit.port); return { server: s, change: { host: '127.0.0.2' } }; }],
    ['user', async () => ({ server: legit, change: { user: 'mallory' } })],
    ['database', async () => ({ server: legit, change: { database: 'elsewhere' } })],
  ];

  it.each(edits)('ISO-07: an edited %s: test, save and connect never send the stored password and ask for this endpoint\'s', async (_field, make) => {
    const conn = await saved();
    const { server, change } = await make();
    if (server !== legit) others.push(server);
    const before = server.received().length;
    const expectAsked = (error: { kind: string; message: string; issues?: { path: (string | number)[] }[] }) => {
      expect(error.kind).toBe('validation');
      expect(error.message).toMatch(/enter the password for this endpoint/);
      expect(error.issues?.map((i) => i.path.join('.'))).toEqual(['password']);
    };

    // connections.test with a draft of the edited connection and no password typed.
    expectAsked(await t.callError('connections.test', { draft: { id: conn.id, ...base(), ...change } }));
    // connections.save of the edit: refused, the stored connection is unchanged.
    expectAsked(await t.callError('connections.save', { id: conn.id, ...base(), ...change }));
    expect(await t.call<ConnectionSummary>('connections.status', { id: conn.id })).toMatchObject({ host: legit.host, port: legit.port, user: 'alice', database: 'app', hasPassword: true });
    // connections.connect after the file itself was edited behind the app's back: the
    // ciphertext still names the old endpoint, so main refuses to use it.
    const file = join(t.dir, 'connections.json');
    const stored = JSON.parse(await readFile(file, 'utf8')) as { connections: Record<string, unknown>[] };
    stored.connections = stored.connections.map((c) => (c.id === conn.id ? { ...c, ...change } : c));
    await writeFile(file, JSON.stringify(stored));
    expectAsked(await t.callError('connections.connect', { id: conn.id }));
    expect((await t.call<ConnectionSummary>('connections.status', { id: conn.id })).state).toBe('disconnected');
    expectAsked(await t.callError('connections.test', { id: conn.id }));

    expect(has(server.received().subarray(before), canary)).toBe(false);

    // With the password typed for the new endpoint, that one (and only that one) is sent.
    const withTyped = await t.callError('connections.test', { draft: { id: conn.id, ...base(), ...change, password: typed } });
    expect(withTyped.kind).toBe('auth');
    const after = server.received().subarray(before);
    expect(has(after, typed)).toBe(true);
    expect(has(after, canary)).toBe(false);
    expect(t.payloads.filter((p) => p.includes(canary))).toEqual([]);
    await t.call('connections.remove', { id: conn.id });
  });

  it('ISO-07: saving the edit with a new password rebinds it: the new endpoint gets the new one, never the canary', async () => {
    const conn = await saved();
    const other = await startFakePgServer();
    others.push(other);
    const summary = await t.call<ConnectionSummary>('connections.save', { id: conn.id, ...base(), port: other.port, password: typed });
    expect(summary).toMatchObject({ port: other.port, hasPassword: true });
    expect((await t.callError('connections.connect', { id: conn.id })).kind).toBe('auth');
    expect(has(other.received(), typed)).toBe(true);
    expect(has(other.received(), canary)).toBe(false);
    // Keeping every endpoint field while renaming keeps the stored password.
    const renamed = await t.call<ConnectionSummary>('connections.save', { id: conn.id, ...base(), port: other.port, name: 'renamed' });
    expect(renamed).toMatchObject({ name: 'renamed', hasPassword: true });
  });

  it('ISO-07: a password typed for "ask every time" is forgotten when the connection is edited: a test of the new endpoint does not get it', async () => {
    const asked = 'TypedAsk-ISO07-canary';
    const conn = await t.call<ConnectionSummary>('connections.save', { ...base(), name: 'ask', askPassword: true });
    expect((await t.callError('connections.connect', { id: conn.id, password: asked })).kind).toBe('auth');
    expect(has(legit.received(), asked)).toBe(true);
    const other = await startFakePgServer();
    others.push(other);
    await t.call<ConnectionSummary>('connections.save', { id: conn.id, ...base(), name: 'ask', askPassword: true, port: other.port });
    await t.callError('connections.test', { id: conn.id });
    expect(other.connections()).toBeGreaterThan(0);
    expect(has(other.received(), asked)).toBe(false);
  });

  it('ISO-07: a ciphertext sealed for one endpoint, or one without an endpoint (before binding), is not opened for another', async () => {
    const secrets = createNodeSecrets();
    const endpoint = { host: 'db.example', port: 5432, user: 'alice', database: 'app' };
    const cipher = await sealPassword(secrets, endpoint, canary);
    expect(await openPassword(secrets, cipher, { ...endpoint, host: 'DB.Example' })).toBe(canary);
    for (const other of [{ port: 5433 }, { host: 'db.example.evil' }, { user: 'Alice' }, { database: 'app2' }]) {
      await expect(openPassword(secrets, cipher, { ...endpoint, ...other })).rejects.toMatchObject({ appError: { kind: 'validation', code: 'password_required' } });
    }
    const legacy = await secrets.encrypt(canary);
    await expect(openPassword(secrets, legacy, endpoint)).rejects.toMatchObject({ appError: { kind: 'validation' } });
  });
});
