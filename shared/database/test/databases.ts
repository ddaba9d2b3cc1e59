import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { clientFromUrl } from '../src/client';
import { applyMigrationsWithDrizzle } from '../src/migrate';
import { seedDemoData } from '../src/seed';
import { sessionOver } from '../src/sql-session';

// The package's own test targets, with nothing of Warden: a PGlite directory and, when
// TEST_DATABASE_URL names a server, a freshly created database on it (dropped afterwards).
// Both are handed to tests as a DATABASE_URL, the way a backend configures the package.

export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

export interface Target {
  kind: 'pglite' | 'postgres';
  /** What DATABASE_URL would be set to: postgres://…/<fresh> or pglite:<dir>. */
  url: string;
  drop(): Promise<void>;
}

export async function freshPglite(): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), 'repo-database-'));
  return { kind: 'pglite', url: `pglite:${dir}`, drop: () => rm(dir, { recursive: true, force: true }) };
}

/** An empty database on the TEST_DATABASE_URL server. */
export async function freshServerDatabase(prefix = 'repo_db_t'): Promise<Target> {
  if (!testDatabaseUrl) throw new Error('TEST_DATABASE_URL is not set');
  // Only [a-z0-9_]: safe between double quotes without a quoting function.
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgres',
    url: url.toString(),
    async drop() {
      const a = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** Applies the package's migrations and, optionally, the demo seed, then closes the client. */
export async function prepare(target: Target, options: { seed?: boolean } = {}): Promise<void> {
  const client = clientFromUrl(target.url);
  const session = sessionOver(client);
  try {
    await applyMigrationsWithDrizzle(session);
    if (options.seed) await seedDemoData(session);
  } finally {
    if ('end' in client) await client.end();
    else await client.close();
  }
}

/**
 * One suite on both targets: PGlite always; the server when TEST_DATABASE_URL is set (reported
 * as skipped, with the reason, otherwise). `getTarget()` is valid from beforeAll on.
 */
export function describeEachTarget(title: string, body: (getTarget: () => Target) => void, options: { seed?: boolean } = {}): void {
  const kinds: Target['kind'][] = ['pglite', 'postgres'];
  for (const kind of kinds) {
    if (kind === 'postgres' && !testDatabaseUrl) {
      // Reported as skipped with its reason; under CI a missing server FAILS instead (the app's
      // electron/main/db/test-databases.ts does the same): CI cannot be green by skipping.
      const reason = 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)';
      if (process.env.CI) {
        describe(`${title} [postgres]`, () => {
          it(`fails under CI: ${reason}`, () => {
            throw new Error(`CI must run every server suite: ${reason}`);
          });
        });
      } else {
        describe.skip(`${title} [postgres] — skipped: ${reason}`, () => {
          it('runs against the server named by TEST_DATABASE_URL', () => {});
        });
      }
      continue;
    }
    describe(`${title} [${kind}]`, () => {
      let target: Target | undefined;
      beforeAll(async () => {
        target = kind === 'pglite' ? await freshPglite() : await freshServerDatabase();
        await prepare(target, options);
      }, 180_000);
      afterAll(async () => {
        await target?.drop();
      });
      body(() => {
        if (!target) throw new Error('target not ready yet');
        return target;
      });
    });
  }
}
