import { type App, type AppOptions, createApp } from '../app';
import { type SecretStore, unavailableSecrets } from '../secrets';
import { type WebServer, type WebServerOptions, startWebServer } from './server';

/** The web server's own options are passed through as they are. */
export interface BrowserModeOptions extends Pick<WebServerOptions, 'rendererDir' | 'host' | 'port' | 'token' | 'maxPayload' | 'pingIntervalMs'> {
  userDataDir: string;
  /**
   * Where saved passwords would be encrypted. Browser mode has no Electron `safeStorage` and no
   * OS secret-store integration yet, so the default refuses to store any password: every server
   * connection is "ask every time" and nothing is ever written in clear (WEB-03, SEC-09).
   */
  secrets?: SecretStore;
  log?: AppOptions['log'];
  migrationsFolder?: string;
}

export interface BrowserMode {
  server: WebServer;
  app: App;
  close(): Promise<void>;
}

/**
 * The same main-process core as the desktop app (createApp), in plain Node, behind the
 * browser-mode server. The server starts first because the router must trust its origin,
 * which is known only once the port is bound.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const server = await startWebServer({
    rendererDir: options.rendererDir,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.maxPayload !== undefined ? { maxPayload: options.maxPayload } : {}),
    ...(options.pingIntervalMs !== undefined ? { pingIntervalMs: options.pingIntervalMs } : {}),
    onEventError: (event, error) => options.log?.(`dropped invalid ${event} event`, error),
  });
  let app: App;
  try {
    app = await createApp({
      userDataDir: options.userDataDir,
      secrets: options.secrets ?? unavailableSecrets,
      trustedOrigins: [server.origin],
      emit: server.emit,
      ...(options.log ? { log: options.log } : {}),
      ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  server.attach(app.router);
  let closing: Promise<void> | undefined;
  return {
    server,
    app,
    close() {
      closing ??= server.close().then(() => app.close());
      return closing;
    },
  };
}
