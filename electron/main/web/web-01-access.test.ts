import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../ipc/router';
import type { SenderInfo } from '../security/trusted-sender';
import { loopbackBindAddress, NonLoopbackBindError, tokenMatches } from './access';
import { startWebServer, type WebServer } from './server';
import { httpGet, openSocket } from './test-client';

/** A router that only records: every refusal below must happen before it is reached. */
function spyRouter() {
  const calls: { channel: unknown; input: unknown; sender: SenderInfo | null | undefined }[] = [];
  const router: Router = {
    abortAll: () => undefined,
    async call(channel, input, sender) {
      calls.push({ channel, input, sender });
      return { ok: true, data: { echoed: channel } };
    },
  };
  return { calls, router };
}

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuvwxyz';

describe('WEB-01: browser mode admits only its own page, with the token, on loopback', () => {
  let dir = '';
  let server: WebServer;
  const spy = spyRouter();
  let host = '';
  let cookie = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-web01-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Warden</title>');
    server = await startWebServer({ rendererDir: dir, token: TOKEN });
    server.attach(spy.router);
    host = new URL(server.origin).host;
    cookie = `warden-token-${new URL(server.origin).port}=${TOKEN}`;
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const socketUrl = () => `${server.origin.replace('http:', 'ws:')}/ipc`;

  it('WEB-01: listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?token=${TOKEN}`);
  });

  it('WEB-01: the printed URL serves the page with the app CSP and sets an HttpOnly SameSite=Strict cookie', async () => {
    const reply = await httpGet(server.url, { Host: host });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>Warden</title>');
    expect(reply.headers['set-cookie']).toEqual([`${cookie}; Path=/; HttpOnly; SameSite=Strict`]);
    const again = await httpGet(`${server.origin}/`, { Host: host, Cookie: cookie });
    expect(again.status).toBe(200);
  });

  it.each([
    ['no token', `/`, {}],
    ['a wrong token in the URL', `/?token=${TOKEN}x`, {}],
    ['a token of another length', '/?token=short', {}],
    ['an empty token', '/?token=', {}],
    ['a wrong cookie', '/', { Cookie: 'warden-token-1=nope' }],
    ['the right token in another port’s cookie', '/', { Cookie: `warden-token-1=${TOKEN}` }],
  ])('WEB-01: a page request with %s is refused (401)', async (_label, path, headers) => {
    const reply = await httpGet(`${server.origin}${path}`, { Host: host, ...headers });
    expect(reply.status).toBe(401);
    expect(reply.body).not.toContain('<title>Warden</title>');
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['a rebinding Host (attacker domain resolving to 127.0.0.1)', { Host: 'evil.example' }],
    ['a Host with another port', { Host: '127.0.0.1:1' }],
    ['localhost instead of the served host', { Host: 'localhost' }],
  ])('WEB-01: a page request with %s is refused (403), even with the token', async (_label, headers) => {
    const reply = await httpGet(server.url, { ...headers, Cookie: cookie });
    expect(reply.status).toBe(403);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('WEB-01: a request from another origin is refused and no response carries CORS headers', async () => {
    const foreign = await httpGet(`${server.origin}/`, { Host: host, Cookie: cookie, Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const preflight = await httpGet(`${server.origin}/`, { Host: host, Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' }, 'OPTIONS');
    expect(preflight.status).toBe(403);
    const own = await httpGet(`${server.origin}/`, { Host: host, Cookie: cookie });
    for (const reply of [foreign, preflight, own]) {
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it.each([
    ['no token', () => ({ Origin: server.origin })],
    ['a wrong token in the cookie', () => ({ Origin: server.origin, Cookie: `${cookie}x` })],
    ['a foreign Origin', () => ({ Origin: 'https://evil.example', Cookie: cookie })],
    ['a look-alike Origin (other port)', () => ({ Origin: 'http://127.0.0.1:1', Cookie: cookie })],
    ['a null Origin (sandboxed frame, file://)', () => ({ Origin: 'null', Cookie: cookie })],
    ['no Origin at all', () => ({ Cookie: cookie })],
    ['a rebinding Host', () => ({ Origin: server.origin, Cookie: cookie, Host: 'evil.example' })],
  ])('WEB-01: a socket with %s is refused at the upgrade; the router is never called', async (_label, headers) => {
    const before = spy.calls.length;
    const result = await openSocket(socketUrl(), { Host: host, ...headers() });
    expect(result).toEqual({ refused: expect.any(Number) });
    expect([401, 403]).toContain((result as { refused: number }).refused);
    expect(spy.calls.length).toBe(before);
  });

  it('WEB-01: a wrong token in the socket URL is refused too', async () => {
    const before = spy.calls.length;
    const result = await openSocket(`${socketUrl()}?token=nope`, { Host: host, Origin: server.origin });
    expect(result).toEqual({ refused: 401 });
    expect(spy.calls.length).toBe(before);
  });

  it('WEB-01: the admitted socket reaches the router as the main frame of the served origin', async () => {
    const result = await openSocket(socketUrl(), { Host: host, Origin: server.origin, Cookie: cookie });
    if (!('socket' in result)) throw new Error(`refused ${result.refused}`);
    const before = spy.calls.length;
    const reply = await new Promise<unknown>((resolve) => {
      result.socket.once('message', (data) => resolve(JSON.parse(String(data))));
      result.socket.send(JSON.stringify({ id: 7, channel: 'app.info', input: {} }));
    });
    expect(reply).toEqual({ id: 7, reply: { ok: true, data: { echoed: 'app.info' } } });
    expect(spy.calls.slice(before)).toEqual([{ channel: 'app.info', input: {}, sender: { frameUrl: `${server.origin}/`, isMainFrame: true } }]);
    result.socket.close();
  });
});

describe('WEB-01: tokens are compared in constant time and bind addresses are loopback only', () => {
  it('WEB-01: tokenMatches accepts the token only', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    for (const wrong of [`${TOKEN}x`, TOKEN.slice(1), '', TOKEN.toUpperCase(), undefined, null, 42, ['x'], 'x'.repeat(10_000)]) {
      expect(tokenMatches(wrong, TOKEN)).toBe(false);
    }
  });

  it.each(['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])('WEB-01: %s is a loopback bind', (host) => {
    expect(['127.0.0.1', '127.0.0.2', '::1']).toContain(loopbackBindAddress(host));
  });

  it.each(['0.0.0.0', '::', '[::]', '192.168.1.10', '10.0.0.1', 'example.com', '127.0.0.1.nip.io', '::ffff:127.0.0.1', ''])(
    'WEB-01: binding to %j is refused before any socket opens',
    async (host) => {
      const dir = await mkdtemp(join(tmpdir(), 'warden-web01-bind-'));
      try {
        await expect(startWebServer({ rendererDir: dir, host })).rejects.toThrow(NonLoopbackBindError);
        await expect(startWebServer({ rendererDir: dir, host })).rejects.toThrow(/loopback only/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
