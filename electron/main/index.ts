import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { createApp } from './app';
import { bindIpc } from './ipc/electron-bridge';
import { createEmitter } from './ipc/emit';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { createElectronSecrets } from './secrets-electron';
import { isSafeExternalUrl } from './security/open-external';
import { denyAllPermissions } from './security/permissions';
import { installProcessGuards } from './security/process-guard';
import { APP_ORIGIN } from './security/trusted-sender';
import { attachNavigationGuards, createMainWindow, type GuardOptions } from './window';

/**
 * Lifecycle only. Everything the app does lives in `createApp` (plain Node, tested without
 * Electron); this file wires it to Electron: one instance, the app:// scheme, IPC, permissions,
 * guards on every webContents, and a quit that waits for every database to close (an unclosed
 * PGlite data directory can be corrupted).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');

// Under `electron-vite dev` the renderer comes from the Vite dev server; never when packaged.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
const allowedOrigins: readonly string[] = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];

const guards: GuardOptions = {
  allowedOrigins,
  // The one call site of shell.openExternal; window.ts already filters, checked again here.
  openExternal: (url) => (isSafeExternalUrl(url) ? shell.openExternal(url) : undefined),
};

type AppInstance = Awaited<ReturnType<typeof createApp>>;
let appInstance: AppInstance | undefined;
let unbindIpc: (() => void) | undefined;
let mainWindow: BrowserWindow | undefined;
let quitting = false;

const log = {
  warn: (message: string, error?: unknown) => console.warn(`[warden] ${message}`, errorText(error)),
  error: (message: string, error?: unknown) => console.error(`[warden] ${message}`, errorText(error)),
};

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return error === undefined ? '' : String(error);
}

installProcessGuards(process, {
  log,
  onFatal: (error) => {
    dialog.showErrorBox('Warden stopped', `An unexpected error occurred: ${errorText(error)}`);
    void shutdown().finally(() => app.exit(1));
  },
});

// Development and e2e runs (never a packaged app) can point user data at a throwaway folder, so
// a test never touches the real saved connections or embedded database.
if (!app.isPackaged && process.env.WARDEN_USER_DATA_DIR) {
  app.setPath('userData', process.env.WARDEN_USER_DATA_DIR);
}

// Must run before `ready`: privileged schemes cannot be registered later.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // Another Warden owns the PGlite data directory; a second process would corrupt it.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    attachNavigationGuards(contents, guards);
    denyAllPermissions(contents.session);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (appInstance && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app.on('before-quit', (event) => {
    if (quitting) return;
    // Hold the quit until every database is closed, then quit for real (once).
    event.preventDefault();
    quitting = true;
    void shutdown().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Startup failed', error);
      dialog.showErrorBox('Warden could not start', errorText(error));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  const secrets = await createElectronSecrets();
  const emit = createEmitter({
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    allowedOrigins,
    onError: (event, error) => log.error(`Dropped invalid ${event} event`, error),
  });
  appInstance = await createApp({
    userDataDir: app.getPath('userData'),
    secrets,
    trustedOrigins: allowedOrigins,
    emit,
    version: app.getVersion(),
    // Output parsing catches main-side contract drift; production skips the extra cost.
    validateOutput: !app.isPackaged,
    log: log.error,
    // Diagram exports go where the user picks, through the OS save dialog; null = cancelled.
    chooseSavePath: async ({ suggestedName }) => {
      const options = { defaultPath: path.join(app.getPath('downloads'), suggestedName) };
      const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  });
  unbindIpc = bindIpc(ipcMain, appInstance.router);
  openWindow();
}

function openWindow(): void {
  mainWindow = createMainWindow({
    ...guards,
    preloadPath,
    url: devServerUrl ?? `${APP_ORIGIN}/index.html`,
  });
}

async function shutdown(): Promise<void> {
  unbindIpc?.();
  unbindIpc = undefined;
  const instance = appInstance;
  appInstance = undefined;
  if (!instance) return;
  try {
    await instance.close();
  } catch (error) {
    log.error('Closing databases failed', error);
  }
}
