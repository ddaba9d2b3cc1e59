import type { Database, DriverKind } from './driver';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { createFreshDatabase, type FreshDatabase } from './test-databases';

// Scratch databases for tests that break things on purpose (the RLS oracle's mutation cases):
// prepared once (migrated, seeded), then copied fresh for every case, so a mutation never leaks
// into the next case or into another suite. Server: CREATE DATABASE ... TEMPLATE. PGlite: a
// new in-memory instance loaded from the prepared instance's data-directory image.

export interface ScratchCopy {
  db: Database;
  dispose(): Promise<void>;
}

export interface ScratchCopies {
  copy(): Promise<ScratchCopy>;
  close(): Promise<void>;
}

export async function prepareScratchCopies(kind: DriverKind, prepare: (db: Database) => Promise<void>): Promise<ScratchCopies> {
  if (kind === 'pglite') {
    const base = await openPglite();
    let image: Blob | File;
    try {
      await prepare(base);
      image = await base.pglite.dumpDataDir('none');
    } finally {
      await base.close();
    }
    return {
      async copy() {
        const db = await openPglite({ loadDataDir: image });
        return { db, dispose: () => db.close() };
      },
      async close() {},
    };
  }
  const template: FreshDatabase = await createFreshDatabase('warden_tmpl');
  try {
    // The template must have no connection open when it is copied: this one closes first.
    const db = await openPostgres({ ...template.config, max: 2 });
    try {
      await prepare(db);
    } finally {
      await db.close();
    }
  } catch (err) {
    await template.drop();
    throw err;
  }
  return {
    async copy() {
      const fresh = await createFreshDatabase('warden_t', template.name);
      const db = await openPostgres({ ...fresh.config, max: 2 });
      return {
        db,
        async dispose() {
          await db.close();
          await fresh.drop();
        },
      };
    },
    close: () => template.drop(),
  };
}
