import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Who may talk to a browser-mode server (WEB-01), as pure functions the server and its tests
 * share. The model is Jupyter Server's and VS Code `serve-web`'s: loopback only, a random token
 * per start (in the printed URL, then an HttpOnly SameSite=Strict cookie), and the `Host` and
 * `Origin` headers pinned to the served origin so neither a DNS-rebinding page nor another
 * site's page can reach the router.
 */

/** 32 random bytes, URL-safe: printed once, never stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so `timingSafeEqual` always compares
 * 32 bytes: a wrong LENGTH does not answer faster either.
 */
export function tokenMatches(candidate: unknown, token: string): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 512) return false;
  const a = createHash('sha256').update(candidate).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

export class NonLoopbackBindError extends Error {
  constructor(host: string) {
    super(
      `Refusing to listen on ${JSON.stringify(host)}: browser mode serves loopback only (127.0.0.1 or ::1). ` +
        'To use it from another machine, forward the port over SSH (ssh -L 4573:127.0.0.1:4573 host).',
    );
    this.name = 'NonLoopbackBindError';
  }
}

/**
 * The address to bind, from a user's `--host`: loopback IPs (127.0.0.0/8, ::1) and `localhost`
 * (bound as 127.0.0.1, so the name's resolution cannot pick another interface). Anything else,
 * including 0.0.0.0 and `::`, throws.
 */
export function loopbackBindAddress(host: string | undefined): string {
  const wanted = (host ?? '127.0.0.1').trim();
  if (wanted === 'localhost') return '127.0.0.1';
  const bare = wanted.startsWith('[') && wanted.endsWith(']') ? wanted.slice(1, -1) : wanted;
  if (isIP(bare) === 4 && /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)) return bare;
  if (isIP(bare) === 6 && (bare === '::1' || bare === '0:0:0:0:0:0:0:1')) return '::1';
  throw new NonLoopbackBindError(wanted);
}

/** `host:port` as browsers send it in `Host` and in origins (IPv6 in brackets). */
export function hostPort(address: string, port: number): string {
  return `${address.includes(':') ? `[${address}]` : address}:${port}`;
}

/** Name of the session cookie: per port, because cookies ignore ports and two servers may run. */
export function cookieName(port: number): string {
  return `warden-token-${port}`;
}

export function sessionCookie(port: number, token: string): string {
  // No Max-Age: a session cookie, gone with the browser; Path=/ so assets and the socket get it.
  return `${cookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The value of one cookie from a `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  /** The `token` query parameter, if the URL had one. */
  queryToken: string | null;
}

export type Verdict =
  | { ok: true; via: 'cookie' | 'query' }
  | { ok: false; status: 400 | 401 | 403; reason: string };

export interface Served {
  /** `host:port` the server answers as. */
  host: string;
  /** `http://host:port` */
  origin: string;
  port: number;
  token: string;
}

/**
 * The one decision for every HTTP request and socket upgrade, taken before anything else runs:
 * the Host must be ours (DNS rebinding), an Origin, when the browser sends one (always for a
 * WebSocket, see `requireOrigin`), must be ours, and the token must match, from the cookie or the URL.
 */
export function checkRequest(facts: RequestFacts, served: Served, options: { requireOrigin: boolean }): Verdict {
  if (facts.host !== served.host) return { ok: false, status: 403, reason: 'Host header is not the served host' };
  if (options.requireOrigin || facts.origin !== undefined) {
    if (facts.origin !== served.origin) return { ok: false, status: 403, reason: 'Origin is not the served origin' };
  }
  if (tokenMatches(readCookie(facts.cookie, cookieName(served.port)), served.token)) return { ok: true, via: 'cookie' };
  if (facts.queryToken !== null) {
    if (tokenMatches(facts.queryToken, served.token)) return { ok: true, via: 'query' };
    return { ok: false, status: 401, reason: 'wrong token' };
  }
  return { ok: false, status: 401, reason: 'no token' };
}
