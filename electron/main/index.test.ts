import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/ipc/channels';
import { APP_SCHEME_PRIVILEGES } from './protocol';

// Hoisted: nothing in this file may ever load the real `electron` package (without its binary,
// its index.js tries to download one). Each test points `current` at a fresh fake.
const holder = vi.hoisted(() => ({ current: {} as Record<string, unknown> }));
vi.mock('electron', () =>
  Object.fromEntries(
    ['app', 'BrowserWindow', 'dialog', 'ipcMain', 'protocol', 'session', 'shell', 'safeStorage'].map((key) => [
      key,
      // Each export forwards to the current fake; index.ts reads them at call time.
      new Proxy(function target() {}, {
        get: (_t, prop) => Reflect.get(holder.current[key] as object, prop),
        set: (_t, prop, value) => Reflect.set(holder.current[key] as object, prop, value),
        construct: (_t, args) => Reflect.construct(holder.current[key] as new (...a: unknown[]) => object, args),
        apply: (_t, self, args) => Reflect.apply(holder.current[key] as (...a: unknown[]) => unknown, self, args),
      }),
    ]),
  ),
);

const { assertSecureWebPreferences } = await import('./window');

/**
 * The lifecycle in index.ts with `electron` mocked and everything else real: the real
 * createApp opens a real PGlite in a temp user-data folder, the real router answers IPC.
 */
type Listener = (...args: unknown[]) => unknown;

function makeElectron(options: { lock: boolean; userData: string }) {
  const order: string[] = [];
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => options.lock),
    whenReady: vi.fn(() => {
      order.push('whenReady');
      return Promise.resolve();
    }),
    getPath: vi.fn(() => options.userData),
    getVersion: () => '9.9.9',
    quit: vi.fn(() => order.push('quit')),
    exit: vi.fn(),
  });
  const windows: FakeWindow[] = [];
  class FakeWebContents extends EventEmitter {
    session = makeSession();
    url = '';
    setWindowOpenHandler = vi.fn();
    getURL() {
      return this.url;
    }
    isDestroyed() {
      return false;
    }
    send = vi.fn();
  }
  class FakeWindow extends EventEmitter {
    webContents = new FakeWebContents();
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.webContents.url = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    static getAllWindows() {
      return windows;
    }
  }
  function makeSession() {
    return {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      setDisplayMediaRequestHandler: vi.fn(),
    };
  }
  const handlers = new Map<string, Listener>();
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: {
      handle: vi.fn((channel: string, fn: Listener) => handlers.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => order.push('registerSchemes')),
      handle: vi.fn(),
    },
    session: { defaultSession: makeSession() },
    shell: { openExternal: vi.fn(async () => {}) },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (s: string) => Buffer.from(s),
      decryptStringAsync: async (b: Buffer) => ({ result: b.toString(), shouldReEncrypt: false }),
    },
  };
  return { electron, app, windows, handlers, order };
}

/** Resolves once `predicate` holds, checking after each macrotask (no fixed sleep). */
async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('index.ts lifecycle (electron mocked, app real)', () => {
  let userData: string;
  let closes: Array<ReturnType<typeof vi.fn>>;

  beforeEach(async () => {
    userData = await mkdtemp(path.join(tmpdir(), 'warden-index-'));
    closes = [];
    delete process.env.ELECTRON_RENDERER_URL;
    vi.resetModules();
    // Wrap (not replace) the real createApp so the test can see close() being awaited.
    vi.doMock('./app', async (importOriginal) => {
      const real = await importOriginal<typeof import('./app')>();
      return {
        ...real,
        createApp: async (...args: Parameters<typeof real.createApp>) => {
          const instance = await real.createApp(...args);
          const close = vi.fn(() => instance.close());
          closes.push(close);
          return { ...instance, close };
        },
      };
    });
  });

  afterEach(async () => {
    await rm(userData, { recursive: true, force: true });
  });

  it('a second instance quits at once and never opens the database or IPC', async () => {
    const fake = makeElectron({ lock: false, userData });
    holder.current = fake.electron;
    await import('./index');
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.handlers.size).toBe(0);
    expect(closes).toHaveLength(0);
  });

  it('SEC-01/05/06: ready wires protocol, permissions, IPC and one secure window; quit waits for close()', async () => {
    const fake = makeElectron({ lock: true, userData });
    holder.current = fake.electron;
    await import('./index');
    // The scheme is registered privileged before ready.
    expect(fake.order.slice(0, 2)).toEqual(['registerSchemes', 'whenReady']);
    expect(fake.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([APP_SCHEME_PRIVILEGES]);
    await until(() => fake.windows.length === 1, 'the window');

    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const defaultSession = fake.electron.session.defaultSession;
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    const window = fake.windows[0];
    expect(window?.webContents.session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(() => assertSecureWebPreferences(window?.options.webPreferences as never)).not.toThrow();
    expect(String(window?.options.webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(window?.webContents.getURL()).toBe('app://warden/index.html');
    expect(window?.webContents.setWindowOpenHandler).toHaveBeenCalled();
    expect(window?.webContents.listenerCount('will-navigate')).toBe(1);

    // IPC: every channel bound, answered by the real router for our main frame only.
    expect([...fake.handlers.keys()].sort()).toEqual([...channels].sort());
    const mainFrame = { senderFrame: { url: 'app://warden/index.html', parent: null } };
    const appInfo = fake.handlers.get('app.info');
    if (!appInfo) throw new Error('app.info not bound');
    const info = (await appInfo(mainFrame, {})) as { ok: boolean; data: unknown };
    expect(info).toEqual({ ok: true, data: { version: '9.9.9', platform: process.platform, secureStorage: 'available' } });
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(((await appInfo(foreign, {})) as { ok: boolean }).ok).toBe(false);

    // Graceful quit: the first before-quit is held until close() resolves, then quits once.
    const first = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalledTimes(1);
    await until(() => fake.app.quit.mock.calls.length === 1, 'app.quit after close');
    expect(closes).toHaveLength(1);
    expect(closes[0]).toHaveBeenCalledTimes(1);
    expect(await closes[0]?.mock.results[0]?.value).toBeUndefined();
    expect(fake.handlers.size).toBe(0);
    // The quit that follows is let through.
    const second = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
    expect(closes[0]).toHaveBeenCalledTimes(1);
  });
});
