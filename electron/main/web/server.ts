import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { type Emit, createEmitter } from '../ipc/emit';
import type { Router } from '../ipc/router';
import { bindSocket, type SocketBinding } from '../ipc/websocket-bridge';
import { SECURITY_HEADERS } from '../security/csp';
import { checkRequest, hostPort, loopbackBindAddress, newToken, type Served, sessionCookie } from './access';
import { readStaticFile } from './static-files';

export interface WebServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Loopback only; anything else throws NonLoopbackBindError before a socket is opened. */
  host?: string;
  /** 0 (default): any free port. */
  port?: number;
  /** Tests pass a known token; otherwise a random one per start. */
  token?: string;
  /** Largest accepted frame from a page (bytes); larger ones close the socket (1009). */
  maxPayload?: number;
  /** A socket that has not answered the previous ping by the next one is closed. */
  pingIntervalMs?: number;
  onEventError?: (event: string, error: unknown) => void;
  /** Told about every refused request or upgrade (why, and what was asked); never the token. */
  onRefused?: (reason: string, what: string) => void;
}

export interface WebServer {
  /** `http://127.0.0.1:<port>`: what the router trusts. */
  origin: string;
  /** The URL to open: the origin with the token. Printed once, never logged elsewhere. */
  url: string;
  /** Routes page requests from now on (before this, sockets are refused with 1013). */
  attach(router: Router): void;
  /** Sends an event to every connected page (validated, like Electron's emitter). */
  emit: Emit;
  /** Open sockets (tests). */
  socketCount(): number;
  close(): Promise<void>;
}

const MAX_PAYLOAD = 8 * 1024 * 1024;

/**
 * Browser mode's HTTP + WebSocket server: the built renderer with the app's CSP and security
 * headers (the same constants app:// uses), and one socket per page to the router. Every request
 * and upgrade passes `checkRequest` (Host, Origin, token) before anything else runs. No CORS
 * headers are ever sent, so other origins cannot read responses either.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const address = loopbackBindAddress(options.host);
  const token = options.token ?? newToken();
  let router: Router | undefined;
  const bindings = new Map<WebSocket, SocketBinding>();
  const alive = new WeakSet<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? MAX_PAYLOAD });
  let served: Served | undefined;

  const facts = (request: IncomingMessage) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    return {
      url,
      facts: {
        host: request.headers.host,
        origin: request.headers.origin,
        cookie: request.headers.cookie,
        queryToken: url.searchParams.get('token'),
      },
    };
  };

  const plain = (response: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) => {
    response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
    response.end(body);
  };

  const server = createServer(async (request, response) => {
    if (!served) return plain(response, 503, 'starting');
    const { url, facts: f } = facts(request);
    const verdict = checkRequest(f, served, { requireOrigin: false });
    if (!verdict.ok) {
      options.onRefused?.(verdict.reason, `${request.method} ${url.pathname}`);
      const help = verdict.status === 401 ? ' Open the URL Warden printed when it started (it carries the access token).' : '';
      return plain(response, verdict.status, `Refused: ${verdict.reason}.${help}`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'method not allowed');
    // A token from the URL becomes the session cookie, so reloads and the socket work without
    // it; the page's bridge then drops it from the address bar (history.replaceState).
    const cookie: Record<string, string> = verdict.via === 'query' ? { 'Set-Cookie': sessionCookie(served.port, token) } : {};
    const file = await readStaticFile(options.rendererDir, url.pathname);
    response.writeHead(file.status, { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Cache-Control': 'no-store', ...cookie });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!served) return refuse(503, 'Starting');
    const { url, facts: f } = facts(request);
    const verdict = checkRequest(f, served, { requireOrigin: true });
    if (!verdict.ok) {
      options.onRefused?.(verdict.reason, `upgrade ${url.pathname}`);
      return refuse(verdict.status, verdict.status === 401 ? 'Unauthorized' : 'Forbidden');
    }
    if (url.pathname !== '/ipc') return refuse(404, 'Not Found');
    wss.handleUpgrade(request, socket, head, (ws) => {
      const current = router;
      if (!current) {
        ws.close(1013, 'Not ready');
        return;
      }
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      bindings.set(ws, bindSocket(ws, current, { origin: f.origin, authenticated: true }));
      ws.on('close', () => bindings.delete(ws));
      ws.on('error', () => ws.terminate());
    });
  });

  // Idle detection: every interval, a socket that did not answer the last ping is dropped
  // (browsers answer pings on their own while the page lives).
  const pinger = setInterval(() => {
    for (const ws of bindings.keys()) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, options.pingIntervalMs ?? 30_000);
  pinger.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = hostPort(address, port);
  served = { host, origin: `http://${host}`, port, token };

  const emit = createEmitter({
    targets: () => [...bindings.values()].map((b) => b.sink),
    allowedOrigins: [served.origin],
    ...(options.onEventError ? { onError: options.onEventError } : {}),
  });

  return {
    origin: served.origin,
    url: `${served.origin}/?token=${token}`,
    attach(next) {
      router = next;
    },
    emit,
    socketCount: () => bindings.size,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pinger);
        for (const ws of bindings.keys()) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
