import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/app';
import { fillNewConnection, idOf, openConnectionsDialog, saveConnection } from './fixtures/dialog';

declare global {
  interface Window {
    __cspViolations?: string[];
    __inlineRan?: number;
    __onerrorRan?: number;
    __jsUrlRan?: number;
    __servedInlineRan?: number;
    __servedOnerrorRan?: number;
    __pwned?: number;
  }
}

/** Collects CSP violation reports in the page, from before its first script runs. */
async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

test('SEC-02: the page sees no Node, no ipcRenderer, and the real bridge of exactly invoke and on', async ({ warden }) => {
  const { page } = warden;
  await warden.open();
  const surface = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return {
      require: typeof w.require,
      process: typeof w.process,
      ipcRenderer: typeof w.ipcRenderer,
      module: typeof w.module,
      // The old test binding and its event hook must be gone: the bridge under test is the product's.
      harness: [typeof w.__wardenInvoke, typeof w.__wardenEmit],
      bridgeKeys: Object.keys(window.warden ?? {}),
      frozen: Object.isFrozen(window.warden),
      // The token did its job and is no longer in the address bar.
      url: location.href,
    };
  });
  expect(surface).toEqual({
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: 'undefined',
    module: 'undefined',
    harness: ['undefined', 'undefined'],
    bridgeKeys: ['invoke', 'on'],
    frozen: true,
    url: `${warden.origin}/`,
  });
  // The bridge talks to the real router over the page's WebSocket.
  const repliesBefore = warden.replies.length;
  const info = await page.evaluate(() => window.warden!.invoke('app.info', {}));
  expect(info).toMatchObject({ ok: true, data: { version: expect.any(String) } });
  expect(warden.replies.length).toBe(repliesBefore + 1);
  expect(warden.frames.some((frame) => frame.includes('"reply"'))).toBe(true);
  // A channel outside the allow-list is refused before anything is sent.
  const before = warden.replies.length;
  const framesBefore = warden.frames.length;
  const refused = await page.evaluate(() =>
    window.warden!.invoke('fs.readFile' as never, {} as never).then(
      () => 'resolved',
      (error: Error) => error.message,
    ),
  );
  expect(refused).toContain('Unknown IPC channel');
  expect(warden.replies.length).toBe(before);
  expect(warden.frames.length).toBe(framesBefore);
});

test('SEC-03: the served CSP has script-src self without unsafe-inline or unsafe-eval', async ({ warden }) => {
  const response = await warden.page.goto(warden.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  const scriptSrc = csp.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src'));
  expect(scriptSrc).toBe("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("object-src 'none'");
  await expect(warden.page.getByTestId('app.ready')).toBeVisible();
});

test('SEC-03: injected <script>, onerror and javascript: URLs never run in the built renderer', async ({ warden }) => {
  const { page } = warden;
  await recordCspViolations(page);
  await warden.open();

  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = 1';
    document.body.append(script);
    document.body.insertAdjacentHTML('beforeend', '<img id="xss-img" src="/no-such-image.png" onerror="window.__onerrorRan = 1">');
    const link = document.createElement('a');
    link.id = 'xss-link';
    link.href = 'javascript:window.__jsUrlRan = 1';
    link.textContent = 'x';
    document.body.append(link);
  });
  await page.locator('#xss-link').click();
  // The image's error event and the javascript: navigation are refused by CSP; wait for the
  // reports themselves rather than for time to pass.
  await expect
    .poll(() => page.evaluate(() => window.__cspViolations ?? []))
    .toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-elem inline$/), expect.stringMatching(/^script-src-attr inline$/)]));
  await expect.poll(() => page.evaluate(() => (window.__cspViolations ?? []).length)).toBeGreaterThanOrEqual(3);

  const ran = await page.evaluate(() => [window.__inlineRan, window.__onerrorRan, window.__jsUrlRan]);
  expect(ran).toEqual([undefined, undefined, undefined]);
  await expect(page.getByTestId('app.ready')).toBeVisible();
});

test('SEC-03: inline script and handlers inside the served HTML itself are blocked by the header', async ({ warden }) => {
  const { page } = warden;
  await recordCspViolations(page);
  // Same server, same headers; only the body gains markup an attacker might smuggle in.
  await page.route((url) => url.origin === warden.origin && url.pathname === '/', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(
      '<div id="root"></div>',
      '<script>window.__servedInlineRan = 1</script><img src="/missing.png" onerror="window.__servedOnerrorRan = 1"><div id="root"></div>',
    );
    await route.fulfill({ response, body });
  });
  await warden.open();
  await expect.poll(() => page.evaluate(() => (window.__cspViolations ?? []).length)).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => [window.__servedInlineRan, window.__servedOnerrorRan])).toEqual([undefined, undefined]);
});

test('SEC-10: a connection named with HTML renders as text in the switcher and the list', async ({ warden }) => {
  const { page } = warden;
  const name = '<img src=x onerror="window.__pwned=1">';
  await warden.open();
  await openConnectionsDialog(page);
  await fillNewConnection(page, { name });
  const itemId = await saveConnection(page, name);
  await expect(page.getByTestId(`${itemId}.name`)).toHaveText(name);
  await page.getByTestId('connections.dialog.close').click();

  await page.getByTestId('connections.switcher').click();
  await expect(page.getByTestId(`connections.switcher.option.${idOf(itemId)}`)).toContainText(name);
  // Rendered as markup, the name would have produced an <img src="x"> element (CSP or not).
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});
