import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireDataDirLock } from './db/data-dir-lock';
import { openPglite } from './db/pglite';
import { RunRegistry } from './db/run-context';
import { createHandlers } from './ipc/handlers';
import { createRouter, type Router } from './ipc/router';
import type { SecretStore } from './secrets';
import { ConnectionsService, type ResilienceOptions } from './services/connections/connections-service';
import { savedConnectionsFile } from './services/connections/saved-connections';
import { CatalogService } from './services/catalog/catalog-service';
import { oursFrom } from './services/catalog/ours';
import { ErdService } from './services/erd/erd-service';
import { DemoService } from './services/demo/demo-service';
import { MigrationsService } from './services/migrations/migrations-service';
import { policyDriftSource } from './services/migrations/access-drift';
import { resolveMigrationsFolder } from '@repo/database/migrate';
import { type ChooseSavePath, exportsFolderChooser } from './services/erd/export-file';
import { RecordsService } from './services/records/records-service';
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
  /** Where exports go: Electron's save dialog; without it, `<userData>/exports/` (tests, e2e). */
  chooseSavePath?: ChooseSavePath;
  /** The migrations folder the Migrations screen works on; the repo's `migrations/` by default (e2e passes a copy). */
  migrationsFolder?: string;
  /** Reconnect and deadline tuning of server connections (tests shorten it). */
  resilience?: ResilienceOptions;
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
  const send: Emit = options.emit ?? (() => {});
  let catalog: CatalogService | undefined;
  // Every `schema.changed` main emits (migration applied, backup restored, console DDL, drift
  // SQL) first clears that connection's catalog cache: no screen can read a stale catalog after it.
  const emit: Emit = (event, payload) => {
    if (event === 'schema.changed') catalog?.invalidate((payload as { connectionId: string }).connectionId);
    send(event, payload);
  };
  const embeddedDir = join(options.userDataDir, 'embedded-pgdata');
  // One process per PGlite directory, whatever launched it (CONN-09); refuses before opening.
  const dataDirLock = await acquireDataDirLock(embeddedDir);
  const connections = new ConnectionsService({
    file: savedConnectionsFile(options.userDataDir),
    secrets: options.secrets,
    embedded: () => openPglite({ dataDir: embeddedDir }),
    onChanged: (summary) => emit('connections.changed', summary),
    ...(options.resilience ? { resilience: options.resilience } : {}),
  });
  const migrationsFolder = options.migrationsFolder ?? resolveMigrationsFolder();
  // The ONE place that knows how a call reaches a pool (ISO-09): every service gets run contexts
  // from this registry, never a database. electron/main/iso-09-run-context.test.ts keeps it so.
  const runs = new RunRegistry({
    database: (id) => connections.database(id),
    isReadOnly: (id) => connections.isReadOnly(id),
    impersonationDatabase: (id) => connections.impersonationDatabase(id),
    readerDatabase: (id) => connections.readerDatabase(id),
    openDedicated: (id, applicationName) => connections.openDedicated(id, applicationName),
  });
  catalog = new CatalogService({ ours: oursFrom(migrationsFolder) });
  const migrations = new MigrationsService({
    connections,
    runs,
    folder: migrationsFolder,
    userDataDir: options.userDataDir,
    emit,
  });
  const services: Services = {
    version: options.version ?? '0.1.0',
    platform: process.platform,
    userDataDir: options.userDataDir,
    secrets: options.secrets,
    connections,
    catalog,
    erd: new ErdService({
      catalog,
      policyDrift: policyDriftSource(),
      userDataDir: options.userDataDir,
      chooseSavePath: options.chooseSavePath ?? exportsFolderChooser(options.userDataDir),
    }),
    migrations,
    demo: new DemoService({ runs, migrations, emit }),
    records: new RecordsService({ catalog, userDataDir: options.userDataDir, emit }),
    runs,
    emit,
  };
  try {
    await connections.openEmbedded();
  } catch (err) {
    await dataDirLock.release();
    throw err;
  }
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
        // Only after PGlite has closed: the next process may open the directory from here on.
        await dataDirLock.release();
      })();
      return closing;
    },
  };
}
