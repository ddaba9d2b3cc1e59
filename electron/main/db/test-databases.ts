import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Database, DriverKind } from './driver';
import { openPglite } from './pglite';
import { openPostgres, type PostgresConfig } from './postgres';
import { parsePostgresUrl } from './url';
import { quoteIdent } from './quote';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';

export interface DriverContext {
  kind: DriverKind;
  /** Server runs only: the URL of the fresh database (for child processes, drizzle-kit, ...). */
  url?: string;
  /** Server runs only: connection settings of the fresh database. */
  config?: PostgresConfig;
  /** Applies `migrations/` with drizzle's migrator. */
  migrate(): Promise<void>;
}

export interface EachDriverOptions {
  /** Apply `migrations/` before the suite. */
  migrate?: boolean;
  /** Pool size of the server connection (RLS-03 uses a small pool). */
  max?: number;
}

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

/** How to point the server suites at a PostgreSQL (README, "Tests"). */
export const SERVER_HINT = 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';

/**
 * The one stand-in for a server suite when TEST_DATABASE_URL is not set. On a developer's machine
 * it is reported as skipped with that reason; under CI it FAILS, so a CI run that lost its
 * server can never be green by skipping every PostgreSQL suite.
 */
export function describeWithoutServer(title: string): void {
  if (process.env.CI) {
    describe(title, () => {
      it(`fails under CI: ${SERVER_HINT}`, () => {
        throw new Error(`CI must run every server suite: ${SERVER_HINT}`);
      });
    });
    return;
  }
  describe.skip(`${title} — skipped: ${SERVER_HINT}`, () => {
    it('runs against the server named by TEST_DATABASE_URL', () => {});
  });
}

/**
 * One database suite, run twice: on PGlite (temp directory) and on the real server from
 * TEST_DATABASE_URL in a freshly created database that is dropped afterwards, so runs never
 * collide. Without the variable the server half is reported as skipped, with the reason.
 */
export function describeEachDriver(
  title: string,
  body: (getDb: () => Database, ctx: DriverContext) => void,
  options: EachDriverOptions = {},
): void {
  describe(`${title} [pglite]`, () => {
    let db: Database | undefined;
    let dir = '';
    const ctx: DriverContext = { kind: 'pglite', migrate: () => applyMigrationsWithDrizzle(getDb()) };
    const getDb = () => {
      if (!db) throw new Error('database not open yet');
      return db;
    };
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'warden-pglite-'));
      db = await openPglite({ dataDir: dir });
      if (options.migrate) await ctx.migrate();
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });
    body(getDb, ctx);
  });

  const serverTitle = `${title} [postgres]`;
  if (!testDatabaseUrl) {
    describeWithoutServer(serverTitle);
    return;
  }
  describe(serverTitle, () => {
    let db: Database | undefined;
    let fresh: FreshDatabase | undefined;
    const ctx: DriverContext = { kind: 'postgres', migrate: () => applyMigrationsWithDrizzle(getDb()) };
    const getDb = () => {
      if (!db) throw new Error('database not open yet');
      return db;
    };
    beforeAll(async () => {
      fresh = await createFreshDatabase();
      ctx.url = fresh.url;
      ctx.config = fresh.config;
      db = await openPostgres({ ...fresh.config, max: options.max ?? 5 });
      if (options.migrate) await ctx.migrate();
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      await fresh?.drop();
    });
    body(getDb, ctx);
  });
}

export interface FreshDatabase {
  name: string;
  url: string;
  config: PostgresConfig;
  drop(): Promise<void>;
}

/**
 * Creates an empty database on the TEST_DATABASE_URL server (a copy of `template` when given,
 * which must have no open connections); `drop()` removes it.
 */
export async function createFreshDatabase(prefix = 'warden_t', template?: string): Promise<FreshDatabase> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  const base = parsePostgresUrl(testDatabaseUrl);
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = await openPostgres({ ...base, max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
  } finally {
    await admin.close();
  }
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const config: PostgresConfig = { ...base, database: name };
  return {
    name,
    url: url.toString(),
    config,
    async drop() {
      const a = await openPostgres({ ...base, max: 1 });
      try {
        await a.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      } finally {
        await a.close();
      }
    },
  };
}
