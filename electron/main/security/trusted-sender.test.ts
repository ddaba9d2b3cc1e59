import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, isTrustedSender } from './trusted-sender';

const trusted = [APP_ORIGIN];

describe('SEC-06: isTrustedSender', () => {
  it('SEC-06: the main frame of an app:// page is trusted, whatever the path', () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), (path, query) => {
        const url = `${APP_ORIGIN}${path.startsWith('/') ? path : `/${path}`}?${query}`;
        expect(isTrustedSender({ frameUrl: url, isMainFrame: true }, trusted)).toBe(true);
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });

  it.each([
    ['null sender', null],
    ['undefined sender', undefined],
    ['null frame URL (detached)', { frameUrl: null, isMainFrame: true }],
    ['sub-frame', { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: false }],
    ['foreign https', { frameUrl: 'https://evil.example/', isMainFrame: true }],
    ['foreign app host', { frameUrl: 'app://evil/', isMainFrame: true }],
    ['look-alike app host', { frameUrl: 'app://warden.evil/', isMainFrame: true }],
    ['app host with port', { frameUrl: 'app://warden:8080/', isMainFrame: true }],
    ['userinfo trick', { frameUrl: 'app://warden@evil/', isMainFrame: true }],
    ['file page', { frameUrl: 'file:///out/renderer/index.html', isMainFrame: true }],
    ['about:blank', { frameUrl: 'about:blank', isMainFrame: true }],
    ['garbage', { frameUrl: 'not a url', isMainFrame: true }],
    ['empty', { frameUrl: '', isMainFrame: true }],
  ])('SEC-06: %s is refused', (_label, sender) => {
    expect(isTrustedSender(sender as never, trusted)).toBe(false);
  });

  it('SEC-06: no generated web URL of another origin is trusted, main frame or not', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https', 'http', 'app', 'file', 'ws'] }), fc.boolean(), (url, isMainFrame) => {
        fc.pre(!/^app:\/\/warden(\/|$|\?|#)/.test(url));
        expect(isTrustedSender({ frameUrl: url, isMainFrame }, trusted)).toBe(false);
      }),
      { seed: 20261126, numRuns: 500 },
    );
  });

  it('SEC-06: an empty trusted list trusts nobody', () => {
    expect(isTrustedSender({ frameUrl: `${APP_ORIGIN}/`, isMainFrame: true }, [])).toBe(false);
  });
});
