import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import type { AppError } from '../../../../shared/ipc/errors';
import { describeWithoutServer, testDatabaseUrl } from '../../db/test-databases';
import { parsePostgresUrl } from '../../db/url';
import { rejection, startTestApp, type TestApp, waitFor } from '../../testing/app-harness';
import { freePort, startTcpProxy, type TcpProxy } from '../../testing/tcp-proxy';

/**
 * CONN-02/04 (blackholed and refused networks) and CONN-07 (cancel and statement timeout leave
 * the connection usable), against the real server through the loopback fault proxy.
 */
const server = testDatabaseUrl ? parsePostgresUrl(testDatabaseUrl) : undefined;

describe.runIf(server)('CONN-02/04/07: network faults, timeouts and cancel', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  const draft = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    environment: 'development' as const,
    host: '127.0.0.1',
    port: proxy.port,
    user: server!.user,
    database: server!.database,
    sslmode: 'disable' as const,
    ...extra,
  });
  const status = (id: string) => t.call<ConnectionSummary>('connections.status', { id });
  const db = (id: string) => t.app.services.connections.database(id);

  beforeAll(async () => {
    proxy = await startTcpProxy({ targetHost: server!.host, targetPort: server!.port });
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
  });

  /** The router keeps answering other calls while a connection hangs. */
  async function expectResponsive(pending: { done: boolean }) {
    const list = await t.call<ConnectionSummary[]>('connections.list', {});
    expect(list[0]?.state).toBe('ready');
    const info = await t.call<{ serverVersion: string }>('connections.serverInfo', { id: 'embedded' });
    expect(info.serverVersion).toMatch(/PGlite/);
    expect(pending.done).toBe(false);
  }

  it('CONN-02: blackholed server at connect: connect times out with a `timeout` error; the UI stays responsive', async () => {
    proxy.setMode('blackhole');
    try {
      const saved = await t.call<ConnectionSummary>('connections.save', draft('blackhole-connect'));
      const pending = { done: false };
      const connecting = t.callError('connections.connect', { id: saved.id }).finally(() => {
        pending.done = true;
      });
      await waitFor('connecting state', async () => (await status(saved.id)).state === 'connecting');
      await expectResponsive(pending);
      const error = await connecting;
      expect(error.kind).toBe('timeout');
      expect((await status(saved.id)).state).toBe('broken');
    } finally {
      proxy.setMode('pass');
    }
  });

  it('CONN-02: blackholed server at connect: cancel ends the wait at once', async () => {
    proxy.setMode('blackhole');
    try {
      const saved = await t.call<ConnectionSummary>('connections.save', draft('blackhole-cancel'));
      const pending = { done: false };
      const connecting = t.callError('connections.connect', { id: saved.id }).finally(() => {
        pending.done = true;
      });
      await waitFor('connecting state', async () => (await status(saved.id)).state === 'connecting');
      await expectResponsive(pending);
      expect(await t.call('connections.cancel', { id: saved.id })).toEqual({ cancelled: 1 });
      const error = await connecting;
      expect(error.kind).toBe('cancelled');
      expect((await status(saved.id)).state).toBe('disconnected');
    } finally {
      proxy.setMode('pass');
    }
  });

  it('CONN-04: refused connection: a `network` error that says so, state broken, one attempt only', async () => {
    const port = await freePort();
    const saved = await t.call<ConnectionSummary>('connections.save', draft('refused', { port }));
    const error = await t.callError('connections.connect', { id: saved.id });
    expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
    expect(error.message).toMatch(/refused/);
    expect(await status(saved.id)).toMatchObject({ state: 'broken', stateReason: error.message });
  });

  it('CONN-02: network goes silent mid-query: the client deadline (statement timeout + grace) fires, then the connection recovers', async () => {
    const conn = await t.saveAndConnect(draft('silent-timeout', { statementTimeoutMs: 800 }));
    expect(conn.statementTimeoutMs).toBe(800);
    proxy.setMode('blackhole');
    try {
      const error = await rejection(db(conn.id).query('select 1'));
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/did not answer/);
    } finally {
      proxy.setMode('pass');
    }
    // The next operation works: on a fresh pool when the silent one was declared dead after the
    // cancel grace (the usual case, state `reconnecting`), or on the same one when postgres.js
    // had not sent the query yet and dropped it locally.
    const { rows } = await db(conn.id).query<{ one: number }>('select 1 as one');
    expect(rows[0]?.one).toBe(1);
  });

  it('CONN-02: network goes silent mid-query: cancel returns at once and the connection recovers', async () => {
    const conn = await t.saveAndConnect(draft('silent-cancel'));
    proxy.setMode('blackhole');
    let error: AppError | undefined;
    try {
      const running = rejection(db(conn.id).query('select 2'));
      await waitFor('busy state', async () => (await status(conn.id)).state === 'busy');
      expect(await t.call('connections.cancel', { id: conn.id })).toEqual({ cancelled: 1 });
      error = await running;
    } finally {
      proxy.setMode('pass');
    }
    expect(error?.kind).toBe('cancelled');
    const { rows } = await db(conn.id).query<{ two: number }>('select 2 as two');
    expect(rows[0]?.two).toBe(2);
  });

  it('CONN-07: cancel stops the statement on the server and the same connection stays usable, without reconnecting', async () => {
    const conn = await t.saveAndConnect(draft('cancel-usable'));
    const accepted = proxy.accepted;
    const running = rejection(db(conn.id).query('select pg_sleep(30) as conn07_cancel'));
    await waitFor('busy state', async () => (await status(conn.id)).state === 'busy');
    expect(await t.call('connections.cancel', { id: conn.id })).toEqual({ cancelled: 1 });
    expect((await running).kind).toBe('cancelled');
    // The server really stopped it (the cancel request went through, it is not just forgotten).
    const probe = t.app.services.connections.database(conn.id);
    await waitFor('server-side cancel', async () => {
      const { rows } = await probe.query<{ n: string }>(
        "select count(*)::text as n from pg_stat_activity where query like '%conn07_cancel%' and state = 'active' and pid <> pg_backend_pid()",
      );
      return rows[0]?.n === '0';
    });
    expect((await db(conn.id).query<{ ok: boolean }>('select true as ok')).rows[0]?.ok).toBe(true);
    expect(t.states.get(conn.id)).not.toContain('reconnecting');
    // Only the cancel request's own socket was opened: the pool was kept.
    expect(proxy.accepted - accepted).toBeLessThanOrEqual(2);
    await waitFor('ready state', async () => (await status(conn.id)).state === 'ready');
  });

  it('CONN-07: statement_timeout gives a `timeout` error and the connection stays usable', async () => {
    const conn = await t.saveAndConnect(draft('statement-timeout', { statementTimeoutMs: 300 }));
    const error = await rejection(db(conn.id).query('select pg_sleep(5)'));
    expect(error).toMatchObject({ kind: 'timeout', code: '57014' });
    expect((await db(conn.id).query<{ ok: boolean }>('select true as ok')).rows[0]?.ok).toBe(true);
    expect(t.states.get(conn.id)).not.toContain('reconnecting');
  });

  it('CONN-07: cancelling one operation leaves the other tabs (same and other connections) unaffected', async () => {
    const a = await t.saveAndConnect(draft('tab-a'));
    const b = await t.saveAndConnect(draft('tab-b'));
    const tab1 = new AbortController();
    const cancelled = rejection(db(a.id).query('select pg_sleep(30)', [], { signal: tab1.signal }));
    const sameConnection = db(a.id).query<{ v: number }>('select 7 as v from pg_sleep(0.5)');
    const otherConnection = db(b.id).query<{ v: number }>('select 8 as v from pg_sleep(0.5)');
    await waitFor('tab 1 running', async () => (await status(a.id)).state === 'busy');
    tab1.abort();
    expect((await cancelled).kind).toBe('cancelled');
    expect((await sameConnection).rows[0]?.v).toBe(7);
    expect((await otherConnection).rows[0]?.v).toBe(8);
  });
});

if (!server) describeWithoutServer('CONN-02/04/07 network [postgres]');
