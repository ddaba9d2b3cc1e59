import { readFileSync } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * One process per PGlite data directory (CONN-09). PGlite is a single PostgreSQL backend
 * without the server's postmaster.pid interlock, so a second process on the same directory
 * corrupts it. Electron's single-instance lock covers one user session only (not a second
 * profile, a CLI, a test harness); this file lock covers the directory itself.
 *
 * The lock file (`<dataDir>.lock`, created with O_EXCL) records pid, host and the process
 * start time. A lock is stale when its pid is gone, or alive but started at another time
 * (the pid was reused after a crash or `kill -9`): then it is taken over.
 */
export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

interface LockRecord {
  pid: number;
  host: string;
  /** Process start in clock ticks since boot (Linux /proc), or epoch ms elsewhere. */
  started: string;
}

export class DataDirLockedError extends Error {
  constructor(readonly holderPid: number) {
    super(`The embedded database is already open in another Warden process (pid ${holderPid}). Close it first.`);
    this.name = 'DataDirLockedError';
  }
}

export function lockPathFor(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.lock`;
}

/** The start time of a process, or undefined when no such process is running. */
export function processStart(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the parenthesised command name (which may contain spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    if (process.platform === 'linux') return undefined;
  }
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return pid === process.pid ? String(Math.round(Date.now() - process.uptime() * 1000)) : 'unknown';
}

function isStale(record: LockRecord): boolean {
  if (record.host !== hostname()) return false; // another machine on a shared folder: never steal
  const started = processStart(record.pid);
  if (started === undefined) return true;
  return started !== 'unknown' && record.started !== 'unknown' && started !== record.started;
}

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = lockPathFor(dataDir);
  const mine: LockRecord = { pid: process.pid, host: hostname(), started: processStart(process.pid) ?? 'unknown' };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        path,
        async release() {
          // Only remove our own lock: after a takeover the file may belong to someone else.
          const current = await readFile(path, 'utf8').catch(() => '');
          if (current === text) await rm(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readRecord(path);
    // An empty or torn file may be a lock being written right now by a process starting with us.
    if (!holder && Date.now() - (await stat(path).then((s) => s.mtimeMs).catch(() => 0)) < 5000) throw new DataDirLockedError(0);
    if (holder && holder.pid === mine.pid && holder.started === mine.started) throw new DataDirLockedError(holder.pid);
    if (holder && !isStale(holder)) throw new DataDirLockedError(holder.pid);
    // Stale or unreadable (a crash while writing it): take it over.
    await rm(path, { force: true });
  }
  throw new Error('Could not take the data directory lock.');
}

async function readRecord(path: string): Promise<LockRecord | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockRecord>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.started !== 'string') return undefined;
    return parsed as LockRecord;
  } catch {
    return undefined;
  }
}
