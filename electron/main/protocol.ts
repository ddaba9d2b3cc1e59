import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { SECURITY_HEADERS } from './security/csp';

/**
 * The renderer is served from `app://warden/...` rather than `file://` (a `file://` page can
 * read every file the user can). Everything that decides WHICH file is served is pure and lives
 * in `resolveAppPath`; `resolveContainedFile` adds the filesystem check against symlink escape;
 * `createAppProtocolHandler` is the Electron-facing wrapper.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'warden';

/** Must be passed to `protocol.registerSchemesAsPrivileged` before `app` is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    // standard: relative URLs, a real origin (app://warden), localStorage; secure: a secure
    // context like https. corsEnabled stays off so other origins cannot read our files.
    standard: true,
    secure: true,
    supportFetchAPI: true,
    codeCache: true,
  },
} as const;

const MAX_PATH_LENGTH = 1024;

/**
 * Maps a request URL to an absolute path strictly inside `rootDir`, or null. Refuses: other
 * schemes or hosts, `..`/`.` segments (raw or percent-encoded), encoded separators (`%2f`,
 * `%5c`), backslashes, NUL and other control characters, drive letters, malformed escapes.
 * `/` maps to `index.html`.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length > MAX_PATH_LENGTH * 2) return null;
  const match = /^app:\/\/warden(\/[^?#]*)?(?:[?#].*)?$/i.exec(requestUrl);
  if (!match) return null;
  // Work on the raw path as written, not on `new URL().pathname`: the URL parser would
  // already have collapsed `..` and hidden what the request actually asked for.
  const rawPath = match[1] ?? '/';
  if (rawPath.length > MAX_PATH_LENGTH) return null;
  if (rawPath.includes('\\')) return null;
  const rawSegments = rawPath.split('/').slice(1);
  const segments: string[] = [];
  for (const raw of rawSegments) {
    if (/%(2f|5c|00)/i.test(raw)) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (decoded === '.' || decoded === '..') return null;
    if (/[\u0000-\u001f\u007f/\\:*?"<>|]/.test(decoded)) return null;
    if (decoded === '') continue; // `//` and a trailing `/`
    segments.push(decoded);
  }
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const full = path.resolve(root, relative);
  return isInside(root, full) ? full : null;
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * `resolveAppPath` plus the filesystem: the real path (symlinks followed) must still be inside
 * the real root, and must be a regular file. Returns null for anything else.
 */
export async function resolveContainedFile(rootDir: string, requestUrl: string): Promise<string | null> {
  const candidate = resolveAppPath(rootDir, requestUrl);
  if (!candidate) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) return null;
    const info = await stat(realFile);
    return info.isFile() ? realFile : null;
  } catch {
    return null;
  }
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A `protocol.handle` handler: only GET/HEAD, only contained files, CSP on every response. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = (contentType: string) => ({ ...SECURITY_HEADERS, 'Content-Type': contentType });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain') });
    }
    let file = await resolveContainedFile(rootDir, request.url);
    // Client-side routes (no file extension) fall back to the single page.
    if (!file && resolveAppPath(rootDir, request.url) && !path.extname(new URL(request.url).pathname)) {
      file = await resolveContainedFile(rootDir, 'app://warden/index.html');
    }
    if (!file) return new Response('Not found', { status: 404, headers: headers('text/plain') });
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, { status: 200, headers: headers(contentTypeOf(file)) });
  };
}
