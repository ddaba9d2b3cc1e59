import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { Router } from '../ipc/router';
import { startWebServer, type WebServer } from './server';
import { closed, openSocket } from './test-client';

/**
 * WEB-01, socket hygiene: frames a page could send that are too large or not requests close the
 * socket before the router sees them; a socket that stops answering pings is dropped, one that
 * answers stays. No timing is asserted: the tests wait for the events themselves.
 */
describe('WEB-01: oversized and malformed frames, idle sockets', () => {
  let dir = '';
  let server: WebServer;
  const calls: unknown[] = [];
  const router: Router = {
    abortAll: () => undefined,
    async call(channel) {
      calls.push(channel);
      return { ok: true, data: null };
    },
  };
  const TOKEN = 'frames-token';

  // Pings are slow here (no idle drop during the frame tests, even on a loaded machine); the
  // idle test starts its own server with a short interval.
  const start = async (pingIntervalMs: number) => {
    await server?.close();
    server = await startWebServer({ rendererDir: dir, token: TOKEN, maxPayload: 1024, pingIntervalMs });
    server.attach(router);
  };

  beforeEach(async () => {
    calls.length = 0;
    dir = await mkdtemp(join(tmpdir(), 'warden-web01-frames-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html>');
    await start(60_000);
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function admitted(options: { autoPong?: boolean } = {}): Promise<WebSocket> {
    const url = new URL(server.origin);
    const result = await openSocket(
      `ws://${url.host}/ipc`,
      { Origin: server.origin, Cookie: `warden-token-${url.port}=${TOKEN}` },
      options,
    );
    if (!('socket' in result)) throw new Error(`refused ${result.refused}`);
    return result.socket;
  }

  it('WEB-01: a frame over maxPayload closes the socket (1009) and never reaches the router', async () => {
    const socket = await admitted();
    const code = closed(socket);
    socket.send(JSON.stringify({ id: 1, channel: 'console.run', input: { sql: 'x'.repeat(2048) } }));
    expect(await code).toBe(1009);
    expect(calls).toEqual([]);
  });

  it.each([
    ['not JSON', 'hello'],
    ['JSON without an id', JSON.stringify({ channel: 'app.info', input: {} })],
    ['a string id', JSON.stringify({ id: '1', channel: 'app.info', input: {} })],
    ['an array', JSON.stringify([1, 'app.info', {}])],
    ['a negative id', JSON.stringify({ id: -1, channel: 'app.info', input: {} })],
  ])('WEB-01: a malformed frame (%s) closes the socket (1008) before the router', async (_label, frame) => {
    const socket = await admitted();
    const code = closed(socket);
    socket.send(frame);
    expect(await code).toBe(1008);
    expect(calls).toEqual([]);
  });

  it('WEB-01: a binary frame is refused the same way', async () => {
    const socket = await admitted();
    const code = closed(socket);
    socket.send(Buffer.from(JSON.stringify({ id: 1, channel: 'app.info', input: {} })));
    expect(await code).toBe(1008);
    expect(calls).toEqual([]);
  });

  it('WEB-01: a socket that stops answering pings is closed; one that answers stays open', async () => {
    // Long enough that a loaded machine still answers in time; nothing here measures time.
    await start(1_000);
    const silent = await admitted({ autoPong: false });
    const live = await admitted();
    expect(server.socketCount()).toBe(2);
    let pings = 0;
    live.on('ping', () => {
      pings += 1;
    });
    await closed(silent);
    // The silent socket was dropped after one unanswered ping; the live one has answered every
    // ping since and is still served.
    await new Promise<void>((resolve) => {
      const check = () => (pings >= 3 ? resolve() : live.once('ping', check));
      check();
    });
    expect(live.readyState).toBe(live.OPEN);
    expect(server.socketCount()).toBe(1);
    live.close();
  });
});
