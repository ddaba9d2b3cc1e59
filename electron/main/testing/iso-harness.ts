import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type postgres from 'postgres';
import type { AppError } from '../../../shared/ipc/errors';
import { type App, createApp } from '../app';
import type { Database } from '../db/driver';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { createFreshDatabase, type FreshDatabase } from '../db/test-databases';
import { createNodeSecrets } from '../secrets-node';
import { APP_ORIGIN } from '../security/trusted-sender';

const sender = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };

/** The real app and router (ISO suites): an embedded PGlite, optionally a fresh server database. */
export interface IsoApp {
  app: App;
  /** Calls through the router; resolves with the envelope's data or its AppError. */
  call(channel: string, input: unknown): Promise<{ ok: true; data: never } | { ok: false; error: AppError }>;
  database(connectionId: string): Database;
  close(): Promise<void>;
}

export async function startIsoApp(): Promise<IsoApp> {
  const dir = await mkdtemp(join(tmpdir(), 'warden-iso-'));
  const app = await createApp({ userDataDir: dir, secrets: createNodeSecrets(), trustedOrigins: [APP_ORIGIN] });
  return {
    app,
    call: (channel, input) => app.router.call(channel, input, sender) as never,
    database: (id) => app.services.connections.database(id),
    async close() {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Saves and connects a server connection to a fresh, migrated database; returns its id. */
export async function connectServer(iso: IsoApp, environment: 'development' | 'production', fresh: FreshDatabase): Promise<string> {
  const url = new URL(fresh.url);
  const saved = await iso.call('connections.save', {
    name: `iso ${environment}`,
    environment,
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    database: fresh.name,
    sslmode: 'disable',
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const id = (saved.data as { id: string }).id;
  const connected = await iso.call('connections.connect', { id });
  if (!connected.ok) throw new Error(connected.error.message);
  return id;
}

export { createFreshDatabase, applyMigrationsWithDrizzle };

/** What a backend must look like after any user SQL (ISO-02), read on that very backend. */
/** (The unnamed portal of the probe itself is not a cursor left behind: PGlite lists it.) */
export interface BackendState {
  role: string;
  login: string;
  claims: string;
  sub: string;
  statementTimeout: string;
  readOnlyDefault: string;
  searchPath: string;
  cursors: number;
  prepared: number;
  advisory: number;
  temp: number;
  listening: number;
}

const probeSql = `select current_user::text as role, session_user::text as login,
    coalesce(current_setting('request.jwt.claims', true), '') as claims,
    coalesce(current_setting('request.jwt.claim.sub', true), '') as sub,
    current_setting('statement_timeout') as "statementTimeout",
    current_setting('default_transaction_read_only') as "readOnlyDefault",
    current_setting('search_path') as "searchPath",
    (select count(*)::int from pg_cursors where name <> '') as cursors,
    (select count(*)::int from pg_prepared_statements where from_sql) as prepared,
    (select count(*)::int from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()) as advisory,
    (select count(*)::int from pg_class where relnamespace = pg_my_temp_schema()) as temp,
    (select count(*)::int from pg_listening_channels()) as listening`;

/**
 * Every backend of the connection: on a server, `max` connections reserved at once (so each
 * is a different backend of the pool, whichever ran the user SQL); on PGlite its one session.
 */
export async function probeBackends(db: Database, max: number): Promise<BackendState[]> {
  const sql = (db as { sql?: postgres.Sql }).sql;
  if (!sql) return [(await db.query<BackendState>(probeSql)).rows[0]!];
  const reserved = await Promise.all(Array.from({ length: max }, () => sql.reserve()));
  try {
    return await Promise.all(reserved.map(async (r) => (await r.unsafe(probeSql, [], { prepare: false }))[0] as unknown as BackendState));
  } finally {
    for (const r of reserved) r.release();
  }
}
