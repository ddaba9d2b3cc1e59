import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
// The relational schema object (tables, relations and the seed's alias names, in the order drizzle needs).
import { schema } from '@repo/database/relational';
import type { AppDrizzle, Database } from './driver';
import { pgliteQueryable, rawClientOf } from './raw-client';
import { pgliteSession } from './session';

export interface PgliteOptions {
  /** Data directory on disk; in-memory when omitted (tests). */
  dataDir?: string;
  /** Starts from this data directory image (`dumpDataDir()` of another instance): scratch copies in tests. */
  loadDataDir?: Blob | File;
}

/**
 * The embedded database. PGlite is ONE session: settings are global and a second process on
 * the same directory corrupts it, so the app holds a single-instance lock and `close()` is
 * always awaited on quit.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  const db = drizzle(pglite, { schema }) as unknown as AppDrizzle;
  const raw = pgliteQueryable(pglite);
  let closed = false;
  return {
    kind: 'pglite',
    drizzle: db,
    pglite,
    query: raw.query,
    transaction: (fn) => db.transaction(async (tx) => fn({ drizzle: tx as unknown as AppDrizzle, ...rawClientOf('pglite', tx) })),
    session: pgliteSession(pglite),
    async close() {
      if (closed) return;
      closed = true;
      await pglite.close();
    },
  };
}
