import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents, type WebPreferences } from 'electron';
import { isAppUrl } from './security/navigation';
import { isSafeExternalUrl } from './security/open-external';

/**
 * The one BrowserWindow factory. Electron 45 already defaults contextIsolation and sandbox to
 * true, but every security-relevant preference is set explicitly so a default change or a copy
 * paste cannot weaken it silently, and `assertSecureWebPreferences` refuses to create a window
 * whose options drifted (SEC-01).
 */
export function buildWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Middle-click would open links in a new window; refused anyway, but never even fire it.
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** Preference -> the only acceptable value. */
const REQUIRED: ReadonlyArray<[keyof WebPreferences, unknown]> = [
  ['sandbox', true],
  ['contextIsolation', true],
  ['nodeIntegration', false],
  ['nodeIntegrationInSubFrames', false],
  ['nodeIntegrationInWorker', false],
  ['webSecurity', true],
  ['allowRunningInsecureContent', false],
  ['webviewTag', false],
];

/** Throws naming every insecure preference; also rejects a missing or relative preload path. */
export function assertSecureWebPreferences(prefs: WebPreferences | undefined): void {
  const problems: string[] = [];
  if (!prefs) throw new Error('Insecure webPreferences: none given');
  for (const [key, expected] of REQUIRED) {
    if (prefs[key] !== expected) problems.push(`${key} must be ${String(expected)}`);
  }
  if (prefs.experimentalFeatures === true) problems.push('experimentalFeatures must be off');
  if (prefs.enableBlinkFeatures) problems.push('enableBlinkFeatures must be empty');
  if (typeof prefs.preload !== 'string' || !/^(\/|[A-Za-z]:[\\/])/.test(prefs.preload)) {
    problems.push('preload must be an absolute path');
  }
  if (problems.length > 0) throw new Error(`Insecure webPreferences: ${problems.join('; ')}`);
}

export interface GuardOptions {
  /** Origins our pages live on (`app://warden`, plus the Vite dev server in development). */
  allowedOrigins: readonly string[];
  /** Receives only URLs that passed `isSafeExternalUrl`. */
  openExternal: (url: string) => void | Promise<void>;
}

/**
 * Navigation and popup guards, installed on EVERY webContents (index.ts hooks
 * `web-contents-created`): leaving our origin is refused, new windows are refused, https links
 * go to the OS browser through the one guarded entry point, webviews never attach.
 */
const guarded = new WeakSet<WebContents>();

export function attachNavigationGuards(contents: WebContents, options: GuardOptions): void {
  // Idempotent: the main window gets guards both from its factory and from
  // `web-contents-created`; attaching twice would open an external link twice.
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const handOut = (url: string) => {
    if (isSafeExternalUrl(url)) void Promise.resolve(options.openExternal(url)).catch(() => undefined);
  };
  const guard = (event: { preventDefault(): void; url: string }) => {
    if (!isAppUrl(event.url, options.allowedOrigins)) {
      event.preventDefault();
      handOut(event.url);
    }
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, options.allowedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    handOut(url);
    return { action: 'deny' };
  });
}

export interface MainWindowOptions extends GuardOptions {
  preloadPath: string;
  /** `app://warden/index.html` in production, the dev server URL under `electron-vite dev`. */
  url: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  // The preferences are restated as a literal here (not `webPreferences: buildWebPreferences()`)
  // so static scanners such as electronegativity can read them; the comparison below makes
  // any drift between this literal and the tested builder a hard error.
  const windowOptions: BrowserWindowConstructorOptions = {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Warden',
    backgroundColor: '#0f1115',
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
  assertSecureWebPreferences(windowOptions.webPreferences);
  if (!samePreferences(windowOptions.webPreferences ?? {}, buildWebPreferences(options.preloadPath))) {
    throw new Error('createMainWindow: webPreferences drifted from buildWebPreferences()');
  }
  const window = new BrowserWindow(windowOptions);
  attachNavigationGuards(window.webContents, options);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}

function samePreferences(a: WebPreferences, b: WebPreferences): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof WebPreferences>;
  return [...keys].every((key) => a[key] === b[key]);
}
