import { afterAll, beforeAll } from 'vitest';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { seedDemoData } from '@repo/database/seed';
import type { Database } from '../../db/driver';
import { prepareScratchCopies, type ScratchCopies, type ScratchCopy } from '../../db/scratch-copies';
import type { DriverContext } from '../../db/test-databases';

/**
 * Each WHY- test changes the schema (drops a policy, disables RLS, revokes a grant), so each
 * gets its own copy of ONE migrated and seeded database (the scratch copies the RLS oracle uses).
 */
export function seededClones(ctx: DriverContext): () => Promise<Database> {
  let copies: ScratchCopies | undefined;
  const opened: ScratchCopy[] = [];
  beforeAll(async () => {
    copies = await prepareScratchCopies(ctx.kind, async (db) => {
      await applyMigrationsWithDrizzle(db);
      await seedDemoData(db);
    });
  }, 240_000);
  afterAll(async () => {
    for (const copy of opened) await copy.dispose();
    await copies?.close();
  });
  return async () => {
    if (!copies) throw new Error('scratch copies not ready');
    const copy = await copies.copy();
    opened.push(copy);
    return copy.db;
  };
}
