import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { SqlSession } from './session';

/** The repository's top-level `migrations/` (src -> database -> shared -> root). */
export const migrationsFolder = join(import.meta.dirname ?? process.cwd(), '../../../migrations');

/**
 * drizzle's own migrator, bare: no lock, no hash check, silent skips. Only for test fixtures and
 * the demo database's first creation; every user-facing apply goes through Warden's migrations
 * service, which wraps it (see docs/reliability.md).
 */
export async function applyMigrationsWithDrizzle(db: Pick<SqlSession, 'kind' | 'drizzle'>, folder = resolveMigrationsFolder()): Promise<void> {
  if (!existsSync(join(folder, 'meta', '_journal.json'))) return;
  if (db.kind === 'pglite') {
    await migratePglite(db.drizzle as unknown as PgliteDatabase, { migrationsFolder: folder });
  } else {
    await migratePostgres(db.drizzle as unknown as PostgresJsDatabase, { migrationsFolder: folder });
  }
}

/**
 * The top-level `migrations/`: found from the sources, from Warden's bundle (`out/main` ->
 * `../../migrations`), or under the working directory (the repository root).
 */
export function resolveMigrationsFolder(): string {
  const here = import.meta.dirname ?? process.cwd();
  const candidates = [
    migrationsFolder,
    join(here, '../../migrations'),
    join(process.cwd(), 'migrations'),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}
