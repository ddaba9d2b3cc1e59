import type { Database, Queryable } from '../../db/driver';
import { fail } from '../../db/errors';
import type { MigratorSession } from './session';

/** "WARDENMG" in ASCII: one fixed bigint key every Warden migrator agrees on. */
export const MIGRATION_LOCK_KEY = 0x5741_5244_454e_4d47n;
const keyParam = MIGRATION_LOCK_KEY.toString();
// pg_locks shows a bigint advisory key as classid (high 32 bits), objid (low 32 bits), objsubid 1.
const classId = (MIGRATION_LOCK_KEY >> 32n).toString();
const objId = (MIGRATION_LOCK_KEY & 0xffff_ffffn).toString();

export interface LockHolder {
  pid: number;
  since: string | null;
  applicationName: string | null;
  user: string | null;
}

/** Who holds the migration lock in this database right now (null if nobody, or unknowable). */
export async function migrationLockHolder(q: Queryable): Promise<LockHolder | null> {
  const { rows } = await q.query<{ pid: number; since: string | null; application_name: string | null; usename: string | null }>(
    `select l.pid, to_char(coalesce(a.xact_start, a.query_start, a.backend_start) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as since,
            a.application_name, a.usename::text as usename
       from pg_locks l left join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = $1::bigint::oid and l.objid = $2::bigint::oid and l.objsubid = 1
      limit 1`,
    [classId, objId],
  );
  const row = rows[0];
  return row ? { pid: Number(row.pid), since: row.since, applicationName: row.application_name || null, user: row.usename } : null;
}

export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return 'held by another migrator';
  const who = [holder.applicationName && `application "${holder.applicationName}"`, holder.user && `user ${holder.user}`].filter(Boolean).join(', ');
  return `held by pid ${holder.pid}${holder.since ? ` since ${holder.since}` : ''}${who ? ` (${who})` : ''}`;
}

// PGlite is one session and advisory locks are re-entrant per session, so two applies in this
// process on the same database would both "get" it: this in-process map is the real guard there
// (and a cheap first check on servers).
const heldInProcess = new WeakMap<Database, { pid: number | null; since: string }>();

export interface AcquireOptions {
  waitForLockMs: number;
  /** Another connection to look up the holder with (the session itself may be the only one). */
  observer: Queryable;
  signal?: AbortSignal;
  onWaiting?: (holderText: string) => void;
  pollMs?: number;
}

/** Takes the migration lock on the session, waiting up to `waitForLockMs`; returns the unlock. */
export async function acquireMigrationLock(db: Database, session: MigratorSession, options: AcquireOptions): Promise<() => Promise<void>> {
  const deadline = Date.now() + options.waitForLockMs;
  let lastReported = '';
  let quickRetries = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const local = heldInProcess.get(db);
    let holderText: string | null = null;
    if (local) {
      holderText = `held by this app (pid ${local.pid ?? '?'}) since ${local.since}`;
    } else {
      const { rows } = await session.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [keyParam]);
      if (rows[0]?.ok) {
        if (heldInProcess.has(db)) {
          // Raced with another apply of this process between the check and the lock (PGlite re-entry).
          await session.query('select pg_advisory_unlock($1::bigint)', [keyParam]).catch(() => undefined);
          holderText = 'held by this app';
        } else {
          heldInProcess.set(db, { pid: session.backendPid, since: new Date().toISOString() });
          return async () => {
            heldInProcess.delete(db);
            await session.query('select pg_advisory_unlock($1::bigint)', [keyParam]).catch(() => undefined);
          };
        }
      } else {
        const holder = await migrationLockHolder(options.observer).catch(() => null);
        // Nobody holds it any more: released between our attempt and the look-up. Try again now.
        if (!holder && quickRetries++ < 5) continue;
        holderText = describeHolder(holder);
      }
    }
    if (Date.now() >= deadline) {
      fail('conflict', `Another migration is running: the migration lock is ${holderText}.`, {
        hint: 'Wait for it to finish (apply again with waiting), or cancel.',
        code: 'migration_locked',
      });
    }
    if (holderText !== lastReported) {
      lastReported = holderText;
      options.onWaiting?.(holderText);
    }
    await sleep(Math.min(options.pollMs ?? 200, Math.max(1, deadline - Date.now())), options.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Sessions blocking `pid` right now, with what they run (for lock_timeout messages). */
export async function blockersOf(q: Queryable, pid: number): Promise<LockHolder[]> {
  const { rows } = await q.query<{ pid: number; since: string | null; application_name: string | null; usename: string | null }>(
    `select a.pid, to_char(coalesce(a.xact_start, a.query_start) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as since,
            a.application_name, a.usename::text as usename
       from unnest(pg_blocking_pids($1::int)) as b(pid) join pg_stat_activity a on a.pid = b.pid`,
    [pid],
  );
  return rows.map((r) => ({ pid: Number(r.pid), since: r.since, applicationName: r.application_name || null, user: r.usename }));
}
