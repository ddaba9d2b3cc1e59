import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppUrl } from './navigation';
import { isSafeExternalUrl } from './open-external';
import { APP_ORIGIN } from './trusted-sender';

const SEED = 20261126;

const hostArb = fc.domain();
const pathArb = fc.webPath();

describe('SEC-04: openExternal accepts only https links with a host and no credentials', () => {
  it('SEC-04: accepts every generated https URL without userinfo', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }), (url) => {
        // fc.webUrl may produce userinfo-free URLs only when authority settings say so; filter
        // the ones with credentials out here, they are covered by the negative property.
        fc.pre(!new URL(url).username && !new URL(url).password);
        fc.pre(!/[\s\\]/.test(url));
        expect(isSafeExternalUrl(url)).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('SEC-04: refuses every URL whose scheme is not https', () => {
    const scheme = fc
      .stringMatching(/^[a-z][a-z0-9+.-]{0,12}$/)
      .filter((s) => s !== 'https');
    fc.assert(
      fc.property(scheme, hostArb, pathArb, (s, host, path) => {
        expect(isSafeExternalUrl(`${s}://${host}${path}`)).toBe(false);
        expect(isSafeExternalUrl(`${s}:${host}${path}`)).toBe(false);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('SEC-04: refuses https URLs carrying credentials', () => {
    const cred = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
    fc.assert(
      fc.property(cred, fc.option(cred, { nil: undefined }), hostArb, pathArb, (user, pass, host, path) => {
        const userinfo = pass === undefined ? user : `${user}:${pass}`;
        expect(isSafeExternalUrl(`https://${userinfo}@${host}${path}`)).toBe(false);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('SEC-04: refuses anything that is not a well-formed string URL (arbitrary input never throws)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = isSafeExternalUrl(value);
        expect(typeof result).toBe('boolean');
        if (typeof value !== 'string') expect(result).toBe(false);
      }),
      { seed: SEED, numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (value) => {
        if (isSafeExternalUrl(value)) {
          const url = new URL(value);
          expect(url.protocol).toBe('https:');
          expect(url.hostname).not.toBe('');
          expect(url.username + url.password).toBe('');
        }
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'ms-msdt:/id PCWDiagnostic',
    'smb://attacker/share',
    'app://warden/index.html',
    'https:/example.com',
    'https://',
    'https:///path',
    ' https://example.com',
    'https://example.com\n.evil',
    'https:\\\\evil.com',
    'https://user:pw@example.com',
    'https://@example.com',
    `https://example.com/${'a'.repeat(3000)}`,
    '',
  ])('SEC-04: refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it.each(['https://github.com/drizzle-team/drizzle-orm', 'https://www.postgresql.org/docs/15/sql-set-role.html#x'])(
    'SEC-04: accepts %s',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(true);
    },
  );
});

describe('SEC-04: navigation stays on the app origin', () => {
  it('SEC-04: every path under app://warden is ours', () => {
    fc.assert(
      fc.property(pathArb, (path) => {
        expect(isAppUrl(`${APP_ORIGIN}${path.startsWith('/') ? path : `/${path}`}`)).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('SEC-04: every generated web URL (any scheme, any host) is refused', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https', 'ftp', 'file', 'app'] }), (url) => {
        fc.pre(!url.startsWith('app://warden/') && url !== 'app://warden');
        expect(isAppUrl(url)).toBe(false);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it.each([
    'app://warden.evil/',
    'app://evil/index.html',
    'app://user@warden/',
    'app://warden:1234/',
    'https://warden/',
    'file:///work/main/out/renderer/index.html',
    'about:blank',
    'javascript:location="app://warden/"',
    'not a url',
  ])('SEC-04: refuses navigation to %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('SEC-04: the dev server origin is ours only when listed', () => {
    expect(isAppUrl('http://localhost:5173/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', [APP_ORIGIN, 'http://localhost:5173'])).toBe(true);
    expect(isAppUrl('http://localhost:5174/', [APP_ORIGIN, 'http://localhost:5173'])).toBe(false);
  });
});
