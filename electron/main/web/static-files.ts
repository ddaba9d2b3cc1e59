import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export type StaticResult = { status: 200; body: Buffer; type: string } | { status: 400 | 404; body: string; type: string };

/**
 * One file of the built renderer for a URL path, the way the app:// protocol serves it: files of
 * one folder only (`..`, NUL and symlinks leading out are refused), `/` is index.html. Used by
 * browser mode's server and by the benches' plain static server.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticResult> {
  const text = 'text/plain; charset=utf-8';
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://localhost').pathname);
  } catch {
    return { status: 400, body: 'bad request', type: text };
  }
  if (pathname.includes('\0')) return { status: 400, body: 'bad request', type: text };
  const realRoot = await realpath(root);
  const wanted = resolve(realRoot, `.${pathname === '/' ? '/index.html' : pathname}`);
  try {
    // realpath also resolves symlinks, so a link pointing outside the folder is refused too.
    const file = await realpath(wanted);
    if (!file.startsWith(realRoot + sep)) return { status: 404, body: 'not found', type: text };
    return { status: 200, body: await readFile(file), type: contentTypes[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return { status: 404, body: 'not found', type: text };
  }
}
