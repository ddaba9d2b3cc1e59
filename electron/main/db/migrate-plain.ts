import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Database } from './driver';

export const migrationsFolder = join(import.meta.dirname ?? process.cwd(), '../../../migrations');

/**
 * drizzle's own migrator, bare: no lock, no hash check, silent skips. Only for test fixtures and
 * the demo database's first creation; every user-facing apply goes through the migrations
 * service, which wraps it (see reliability.md).
 */
export async function applyMigrationsWithDrizzle(db: Database, folder = resolveMigrationsFolder()): Promise<void> {
  if (!existsSync(join(folder, 'meta', '_journal.json'))) return;
  if (db.kind === 'pglite') {
    await migratePglite(db.drizzle as unknown as PgliteDatabase, { migrationsFolder: folder });
  } else {
    await migratePostgres(db.drizzle as unknown as PostgresJsDatabase, { migrationsFolder: folder });
  }
}

/** `migrations/` next to the sources, or next to the bundle (`out/main` -> `../../migrations`). */
export function resolveMigrationsFolder(): string {
  const candidates = [migrationsFolder, join(process.cwd(), 'migrations')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}
