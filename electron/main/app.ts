import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openPglite } from './db/pglite';
import { createHandlers } from './ipc/handlers';
import { createRouter, type Router } from './ipc/router';
import type { SecretStore } from './secrets';
import { ConnectionsService } from './services/connections/connections-service';
import { savedConnectionsFile } from './services/connections/saved-connections';
import type { Emit, Services } from './services/services';

export interface AppOptions {
  /** The app's user-data folder (a temp folder in tests). */
  userDataDir: string;
  secrets: SecretStore;
  /** Origins whose main frame may call the router: app://warden in Electron, the fixture's in e2e. */
  trustedOrigins: readonly string[];
  emit?: Emit;
  version?: string;
  /** Output validation: on unless explicitly off (production builds). */
  validateOutput?: boolean;
  log?: (message: string, error?: unknown) => void;
}

export interface App {
  router: Router;
  services: Services;
  close(): Promise<void>;
}

/**
 * Everything main does, without Electron: the embedded database, saved connections, the IPC
 * router. `electron/main/index.ts` and the e2e fixture both call this.
 */
export async function createApp(options: AppOptions): Promise<App> {
  await mkdir(options.userDataDir, { recursive: true });
  const emit: Emit = options.emit ?? (() => {});
  const connections = new ConnectionsService({
    file: savedConnectionsFile(options.userDataDir),
    secrets: options.secrets,
    embedded: () => openPglite({ dataDir: join(options.userDataDir, 'embedded-pgdata') }),
    onChanged: (summary) => emit('connections.changed', summary),
  });
  const services: Services = {
    version: options.version ?? '0.1.0',
    platform: process.platform,
    userDataDir: options.userDataDir,
    secrets: options.secrets,
    connections,
    emit,
  };
  await connections.openEmbedded();
  const router = createRouter({
    handlers: createHandlers(services),
    trustedOrigins: options.trustedOrigins,
    validateOutput: options.validateOutput ?? true,
    secrets: () => connections.knownSecrets(),
    onInternalError: (channel, error) => options.log?.(`internal error on ${channel}`, error),
  });
  let closing: Promise<void> | undefined;
  return {
    router,
    services,
    close() {
      closing ??= (async () => {
        router.abortAll();
        await connections.closeAll();
      })();
      return closing;
    },
  };
}
