import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database } from '../../db/driver';
import { fail } from '../../db/errors';
import { openPglite } from '../../db/pglite';

type PgliteDatabase = Database & { pglite: PGlite };

export function isPgliteDatabase(db: Database): db is PgliteDatabase {
  return db.kind === 'pglite' && (db as Partial<PgliteDatabase>).pglite instanceof PGlite;
}

export const backupsFolder = (userDataDir: string): string => join(userDataDir, 'backups');

/**
 * Dumps the embedded database's data directory (`dumpDataDir`, gzip tar) into the backups
 * folder before an apply. Returns the file name (never a path: the renderer only names files).
 */
export async function backupEmbedded(db: Database, folder: string): Promise<string> {
  if (!isPgliteDatabase(db)) fail('internal', 'Only the embedded database is backed up this way.');
  await mkdir(folder, { recursive: true });
  const dump = await db.pglite.dumpDataDir('gzip');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = `embedded-${stamp}.tar.gz`;
  await writeFile(join(folder, file), Buffer.from(await dump.arrayBuffer()));
  return file;
}

export async function listBackups(folder: string): Promise<{ file: string; createdAt: string; bytes: number }[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const out = [];
  for (const file of names.filter((n) => n.endsWith('.tar.gz'))) {
    const s = await stat(join(folder, file));
    out.push({ file, createdAt: s.mtime.toISOString(), bytes: s.size });
  }
  return out.sort((a, b) => b.file.localeCompare(a.file));
}

/**
 * Replaces a PGlite data directory with a dump: close, empty the directory, let PGlite unpack
 * the dump into it (`loadDataDir`), close that instance, and reopen normally. PGlite must never
 * have two instances on one directory, so the caller hands over the open one and gets a new one.
 */
export async function restoreEmbedded(current: Database, backupPath: string): Promise<Database> {
  if (!isPgliteDatabase(current) || !current.pglite.dataDir) fail('validation', 'Only an embedded database on disk can be restored.');
  const dataDir = current.pglite.dataDir;
  const dump = new Blob([await readFile(backupPath)]);
  await current.close();
  await rm(dataDir, { recursive: true, force: true });
  const loader = await PGlite.create({ dataDir, loadDataDir: dump });
  await loader.close();
  return openPglite({ dataDir });
}
