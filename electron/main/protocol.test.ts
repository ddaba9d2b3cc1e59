import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, isInside, resolveAppPath, resolveContainedFile } from './protocol';
import { CONTENT_SECURITY_POLICY } from './security/csp';

const SEED = 20261126;
const ROOT = path.resolve('/srv/warden/out/renderer');

describe('protocol: resolveAppPath keeps every request inside out/renderer', () => {
  it.each([
    ['app://warden/', 'index.html'],
    ['app://warden', 'index.html'],
    ['app://warden/index.html', 'index.html'],
    ['app://warden/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://warden/assets/index-abc.js?v=1#x', 'assets/index-abc.js'],
    ['app://warden/assets//x.css', 'assets/x.css'],
    ['app://warden/fonts/Inter%20Var.woff2', 'fonts/Inter Var.woff2'],
  ])('maps %s to %s', (url, rel) => {
    expect(resolveAppPath(ROOT, url)).toBe(path.join(ROOT, rel));
  });

  it.each([
    'app://warden/../etc/passwd',
    'app://warden/assets/../../etc/passwd',
    'app://warden/./index.html',
    'app://warden/%2e%2e/etc/passwd',
    'app://warden/%2E%2E/%2E%2E/etc/passwd',
    'app://warden/.%2e/secret',
    'app://warden/%2e/index.html',
    'app://warden/assets%2f..%2f..%2fetc%2fpasswd',
    'app://warden/assets%2F..%2Fsecret',
    'app://warden/..%5c..%5cwindows%5cwin.ini',
    'app://warden/..\\..\\etc\\passwd',
    'app://warden/assets\\..\\..\\secret',
    'app://warden/index.html%00.png',
    'app://warden/index.html\u0000.png',
    'app://warden/C:/Windows/win.ini',
    'app://warden/c%3a%5cwindows',
    'app://warden//etc/passwd/..',
    'app://warden/%',
    'app://warden/%zz',
    'app://warden/%c0%ae%c0%ae/etc/passwd',
    'app://evil/index.html',
    'app://warden.evil/index.html',
    'app://warden@evil/index.html',
    'app://warden:80/index.html',
    'file:///etc/passwd',
    'https://warden/index.html',
    '/etc/passwd',
    '',
  ])('refuses %j', (url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });

  it('resolves absolute-looking paths under the root, never to the filesystem root', () => {
    // `//etc/passwd` is a segment list, not an absolute path: it stays inside.
    expect(resolveAppPath(ROOT, 'app://warden//etc/passwd')).toBe(path.join(ROOT, 'etc/passwd'));
  });

  it('property: whatever the path, the result is null or strictly inside the root', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '.%2e', '%2f', '%5c', '\\', '%00', '', 'a', 'index.html', '%c0%af', '..%2f', '%252e%252e'),
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const url = `app://warden/${segments.join('/')}`;
        const resolved = resolveAppPath(ROOT, url);
        if (resolved !== null) {
          expect(isInside(ROOT, resolved)).toBe(true);
          expect(path.relative(ROOT, resolved).split(path.sep)).not.toContain('..');
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('property: any string at all never resolves outside the root and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (tail) => {
        const resolved = resolveAppPath(ROOT, `app://warden/${tail}`);
        if (resolved !== null) expect(isInside(ROOT, resolved)).toBe(true);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

describe('protocol: files on disk (symlinks, directories) and the response headers', () => {
  let base: string;
  let root: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'warden-protocol-'));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(base, 'secret.txt'), 'TOP-SECRET');
    await mkdir(path.join(base, 'outside-dir'));
    await writeFile(path.join(base, 'outside-dir', 'x.js'), 'TOP-SECRET');
    // Symlinks that point out of the root: a file, and a directory.
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
    await symlink(path.join(base, 'outside-dir'), path.join(root, 'linked'));
    // A symlink that stays inside is fine.
    await symlink(path.join(root, 'assets', 'app.js'), path.join(root, 'alias.js'));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves a contained file and follows an inside symlink', async () => {
    expect(await resolveContainedFile(root, 'app://warden/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(await resolveContainedFile(root, 'app://warden/alias.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses symlinks escaping the root, directories and missing files', async () => {
    expect(await resolveContainedFile(root, 'app://warden/escape.txt')).toBeNull();
    expect(await resolveContainedFile(root, 'app://warden/linked/x.js')).toBeNull();
    expect(await resolveContainedFile(root, 'app://warden/assets')).toBeNull();
    expect(await resolveContainedFile(root, 'app://warden/nope.js')).toBeNull();
  });

  it('every response carries the production CSP; traversal and symlink escape give 404 without the secret', async () => {
    const handle = createAppProtocolHandler(root);
    const cases: Array<[string, number]> = [
      ['app://warden/', 200],
      ['app://warden/assets/app.js', 200],
      ['app://warden/escape.txt', 404],
      ['app://warden/linked/x.js', 404],
      ['app://warden/%2e%2e/secret.txt', 404],
      ['app://warden/assets/missing.js', 404],
    ];
    for (const [url, status] of cases) {
      const response = await handle(new Request(url));
      expect(response.status, url).toBe(status);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(await response.text(), url).not.toContain('TOP-SECRET');
    }
    const js = await handle(new Request('app://warden/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
  });

  it('client-side routes fall back to index.html; other methods are refused', async () => {
    const handle = createAppProtocolHandler(root);
    const route = await handle(new Request('app://warden/connections/abc'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('id="root"');
    const post = await handle(new Request('app://warden/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('SEC-03: the production CSP', () => {
  it('SEC-03: script-src is self only, no unsafe-inline/unsafe-eval for scripts, no objects, no base', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    for (const [name, values] of directives) {
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
  });
});
