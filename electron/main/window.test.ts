import type { WebPreferences } from 'electron';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

/** Minimal webContents: records listeners and the window-open handler, like Electron would. */
class FakeWebContents {
  listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  on(name: string, listener: Listener) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  /** Emits like Electron: returns whether some listener called preventDefault. */
  emit(name: string, url: string): boolean {
    let prevented = false;
    const event = { url, preventDefault: () => { prevented = true; } };
    for (const listener of this.listeners.get(name) ?? []) listener(event, url);
    return prevented;
  }
}

const created: Array<{ options: { webPreferences: WebPreferences }; webContents: FakeWebContents; loaded: string[] }> = [];

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = new FakeWebContents();
    loaded: string[] = [];
    constructor(public options: { webPreferences: WebPreferences }) {
      created.push(this);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    once() {}
    show() {}
  }
  return { BrowserWindow };
});

const { assertSecureWebPreferences, attachNavigationGuards, buildWebPreferences, createMainWindow } = await import(
  './window'
);

const PRELOAD = '/opt/warden/out/preload/index.cjs';

describe('SEC-01: the window factory', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('SEC-01: sets every security preference explicitly', () => {
    expect(buildWebPreferences(PRELOAD)).toMatchObject({
      preload: PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(() => assertSecureWebPreferences(buildWebPreferences(PRELOAD))).not.toThrow();
  });

  it('SEC-01: the BrowserWindow actually receives those preferences and loads the app origin', () => {
    const window = createMainWindow({
      preloadPath: PRELOAD,
      url: 'app://warden/index.html',
      allowedOrigins: ['app://warden'],
      openExternal: () => {},
    });
    expect(created).toHaveLength(1);
    expect(window).toBe(created[0]);
    const prefs = created[0]?.options.webPreferences;
    expect(() => assertSecureWebPreferences(prefs)).not.toThrow();
    expect(prefs).toEqual(buildWebPreferences(PRELOAD));
    expect(created[0]?.loaded).toEqual(['app://warden/index.html']);
  });

  const insecure: Array<[string, Partial<WebPreferences>]> = [
    ['sandbox', { sandbox: false }],
    ['contextIsolation', { contextIsolation: false }],
    ['nodeIntegration', { nodeIntegration: true }],
    ['nodeIntegrationInSubFrames', { nodeIntegrationInSubFrames: true }],
    ['nodeIntegrationInWorker', { nodeIntegrationInWorker: true }],
    ['webSecurity', { webSecurity: false }],
    ['allowRunningInsecureContent', { allowRunningInsecureContent: true }],
    ['webviewTag', { webviewTag: true }],
    ['experimentalFeatures', { experimentalFeatures: true }],
    ['enableBlinkFeatures', { enableBlinkFeatures: 'CSSVariables' }],
    ['preload', { preload: 'preload.cjs' }],
  ];

  it.each(insecure)('SEC-01: a factory variant with an unsafe %s is caught', (key, override) => {
    expect(() => assertSecureWebPreferences({ ...buildWebPreferences(PRELOAD), ...override })).toThrow(key);
  });

  it('SEC-01: relying on defaults is refused too (a missing key is not "secure by default")', () => {
    for (const key of ['sandbox', 'contextIsolation', 'nodeIntegration', 'webSecurity', 'webviewTag'] as const) {
      const prefs = { ...buildWebPreferences(PRELOAD) };
      delete prefs[key];
      expect(() => assertSecureWebPreferences(prefs)).toThrow(key);
    }
    expect(() => assertSecureWebPreferences(undefined)).toThrow();
  });

  it('SEC-01: any random weakening of the required preferences is caught', () => {
    const keys = [
      'sandbox', 'contextIsolation', 'nodeIntegration', 'nodeIntegrationInSubFrames',
      'nodeIntegrationInWorker', 'webSecurity', 'allowRunningInsecureContent', 'webviewTag',
    ] as const;
    fc.assert(
      fc.property(fc.subarray([...keys], { minLength: 1 }), fc.constantFrom(undefined, 'flip'), (picked, mode) => {
        const prefs: Record<string, unknown> = { ...buildWebPreferences(PRELOAD) };
        for (const key of picked) prefs[key] = mode === 'flip' ? !prefs[key] : undefined;
        expect(() => assertSecureWebPreferences(prefs as WebPreferences)).toThrow();
      }),
      { seed: 20261126, numRuns: 200 },
    );
  });
});

describe('SEC-04: navigation and window-open guards', () => {
  function guarded() {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    attachNavigationGuards(contents as never, { allowedOrigins: ['app://warden'], openExternal: (url) => { opened.push(url); } });
    return { contents, opened };
  }

  const foreign = [
    'https://example.com/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'app://evil/index.html',
    'about:blank',
  ];

  it.each(foreign)('SEC-04: navigation to %s is prevented (main frame, any frame, redirect)', (url) => {
    const { contents } = guarded();
    expect(contents.emit('will-navigate', url)).toBe(true);
    expect(contents.emit('will-frame-navigate', url)).toBe(true);
    expect(contents.emit('will-redirect', url)).toBe(true);
  });

  it('SEC-04: navigation inside the app origin is allowed', () => {
    const { contents } = guarded();
    expect(contents.emit('will-navigate', 'app://warden/index.html')).toBe(false);
    expect(contents.emit('will-frame-navigate', 'app://warden/x')).toBe(false);
    expect(contents.emit('will-redirect', 'app://warden/')).toBe(false);
  });

  it('SEC-04: webviews never attach', () => {
    const { contents } = guarded();
    expect(contents.emit('will-attach-webview', 'app://warden/')).toBe(true);
  });

  it('SEC-04: window.open is always denied; only safe https links reach openExternal, once', () => {
    const { contents, opened } = guarded();
    const urls = ['https://www.postgresql.org/docs/', 'http://example.com/', 'file:///etc/passwd', 'app://warden/', 'javascript:1', 'https://u:p@example.com/'];
    for (const url of urls) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://www.postgresql.org/docs/']);
    // A clicked https link that tries to navigate the window goes out instead of replacing us.
    expect(contents.emit('will-navigate', 'https://github.com/')).toBe(true);
    expect(opened).toEqual(['https://www.postgresql.org/docs/', 'https://github.com/']);
  });

  it('SEC-04: attaching twice (factory + web-contents-created) does not double the side effects', () => {
    const contents = new FakeWebContents();
    const opened: string[] = [];
    const options = { allowedOrigins: ['app://warden'], openExternal: (url: string) => { opened.push(url); } };
    attachNavigationGuards(contents as never, options);
    attachNavigationGuards(contents as never, options);
    contents.emit('will-navigate', 'https://github.com/');
    expect(opened).toEqual(['https://github.com/']);
    expect(contents.listeners.get('will-navigate')).toHaveLength(1);
  });

  it('SEC-04: fuzzed URLs: navigation is allowed exactly for the app origin', () => {
    const { contents } = guarded();
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https', 'http', 'app', 'file'] }), (url) => {
        const prevented = contents.emit('will-navigate', url);
        const ours = /^app:\/\/warden(\/|$)/.test(url);
        expect(prevented).toBe(!ours);
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });
});
