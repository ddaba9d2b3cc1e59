import type { AppliedMigrationSchema, MigrationProgress } from '../../../../shared/ipc/contracts/migrations';
import type { AppError } from '../../../../shared/ipc/errors';
import { lintMigrations, type LintFinding, type LintStatement } from '../../../../shared/migrations/lint';
import { excerpt, lockedTable } from '../../../../shared/migrations/sql-text';
import type { z } from 'zod';
import type { Database, Queryable } from '../../db/driver';
import { AppFailure, fail, toAppError } from '../../db/errors';
import { readMigrationFolder, type MigrationFile } from './folder';
import { acquireMigrationLock, blockersOf, describeHolder, type LockHolder } from './lock';
import { tableRowEstimates } from './preview';
import { openSession, type MigratorSession } from './session';
import { readHistory, reconcile } from './status';

export type ProgressUpdate = Omit<MigrationProgress, 'connectionId' | 'runId'>;
export type AppliedMigration = z.infer<typeof AppliedMigrationSchema>;

export interface ApplyOptions {
  /** The database the migrator's session comes from (a dedicated pool on servers). */
  db: Database;
  /** A different connection for lock diagnostics while the session is busy; `db` by default. */
  observer?: Queryable;
  folder: string;
  signal?: AbortSignal;
  onProgress?: (update: ProgressUpdate) => void;
  /** 0: report the holder at once. */
  waitForLockMs?: number;
  lockTimeoutMs?: number;
  /** 0: no statement timeout. */
  statementTimeoutMs?: number;
  /** The batch the user previewed: refuse if the pending hashes differ under the lock. */
  expectedHashes?: readonly string[];
  /** Runs under the lock, after every check, before the transaction (the embedded backup). */
  beforeRun?: (pending: readonly MigrationFile[]) => Promise<void>;
}

export interface ApplyOutcome {
  applied: AppliedMigration[];
  verified: boolean;
  verifyProblem: string | null;
  backendPid: number | null;
}

/** Failure of one statement: the file, its index and the server's SQLSTATE travel with it. */
export class MigrationStatementError extends AppFailure {
  constructor(
    appError: AppError,
    readonly tag: string,
    readonly statementIndex: number,
  ) {
    super(appError);
  }
}

export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/**
 * Warden's migrator. drizzle's own takes no lock, never checks hashes and skips out-of-order
 * files silently (docs/reliability.md), so this runner: takes the advisory lock on its own session,
 * re-reads folder and history under it, refuses modified / would-skip / lint-blocked batches,
 * and runs every pending statement in ONE transaction with lock and statement timeouts,
 * recording history rows exactly as drizzle does (same table DDL, hash, created_at = journal
 * `when`) so drizzle-kit and drizzle's migrator agree with it afterwards.
 */
export async function applyMigrations(options: ApplyOptions): Promise<ApplyOutcome> {
  const progress = (u: ProgressUpdate) => options.onProgress?.(u);
  return withLockedBatch(options, async ({ session, state, before }) => {
    if (state.pending.length === 0) return { applied: [], verified: true, verifyProblem: null, backendPid: session.backendPid };
    await options.beforeRun?.(state.pending);
    const total = countStatements(state.pending);
    const applied = await session.transaction((tx) => runBatch(tx, session, state.pending, options, { record: true }));
    progress({ phase: 'committed', done: total, total, message: `Committed ${applied.length} migration(s).` });

    const verifyProblem = verify(before?.length ?? 0, applied, state.pending, await readHistory(session));
    progress({ phase: 'verified', done: total, total, message: verifyProblem ?? 'History verified.' });
    return { applied, verified: verifyProblem === null, verifyProblem, backendPid: session.backendPid };
  });
}

/** What a rehearsal's probe sees: the migration transaction, before and after the batch ran in it. */
export interface RehearsalProbe<B, A> {
  before(tx: Queryable, pending: readonly MigrationFile[]): Promise<B>;
  after(tx: Queryable, pending: readonly MigrationFile[], before: B): Promise<A>;
}

export interface RehearsalOutcome<A> {
  pending: MigrationFile[];
  /** The probe's result; null when nothing is pending (the probe did not run). */
  result: A | null;
  backendPid: number | null;
}

class Rehearsed<A> {
  constructor(readonly value: A) {}
}

/**
 * Apply's exact path (same session, advisory lock, re-read under the lock, refusals, lint,
 * timeouts, statements) but the transaction is ALWAYS rolled back: the probe measures inside it
 * before and after the batch. The history rows are not written: inserting one would advance
 * drizzle's id sequence, which a rollback does not undo (nextval is not transactional).
 */
export async function rehearseMigrations<B, A>(options: ApplyOptions, probe: RehearsalProbe<B, A>): Promise<RehearsalOutcome<A>> {
  return withLockedBatch(options, async ({ session, state }) => {
    if (state.pending.length === 0) return { pending: [], result: null, backendPid: session.backendPid };
    try {
      await session.transaction(async (tx) => {
        await setTimeouts(tx, options);
        const measured = await probe.before(tx, state.pending);
        await runBatch(tx, session, state.pending, options, { record: false });
        throw new Rehearsed(await probe.after(tx, state.pending, measured));
      });
    } catch (err) {
      if (err instanceof Rehearsed) return { pending: state.pending, result: err.value as A, backendPid: session.backendPid };
      throw err;
    }
    throw new Error('unreachable: the rehearsal transaction committed');
  });
}

interface LockedBatch {
  session: MigratorSession;
  state: ReturnType<typeof reconcile>;
  before: Awaited<ReturnType<typeof readHistory>>;
}

/**
 * The migrator's session with the advisory lock held; folder and history re-read under it, and
 * every refusal (inconsistent history, batch changed since the preview, preflight blocks) made
 * before `body` runs. Unlocks and releases whatever `body` does.
 */
async function withLockedBatch<T>(options: ApplyOptions, body: (batch: LockedBatch) => Promise<T>): Promise<T> {
  const { db, signal } = options;
  const progress = (u: ProgressUpdate) => options.onProgress?.(u);
  const session = await openSession(db);
  const pid = session.backendPid ?? undefined;
  let unlock: (() => Promise<void>) | undefined;
  try {
    unlock = await acquireMigrationLock(db, session, {
      waitForLockMs: options.waitForLockMs ?? 0,
      observer: options.observer ?? db,
      ...(signal ? { signal } : {}),
      onWaiting: (holder) => progress({ phase: 'waiting-for-lock', done: 0, total: 0, message: `Waiting: the migration lock is ${holder}.` }),
    });
    progress({ phase: 'locked', done: 0, total: 0, message: 'Migration lock taken.', ...(pid ? { backendPid: pid } : {}) });

    // Everything is re-read under the lock: another migrator may have run while we waited.
    const folder = await readMigrationFolder(options.folder);
    const before = await readHistory(session);
    const state = reconcile(folder, before);
    if (state.refusal) fail('validation', state.refusal, { code: 'migrations_inconsistent' });
    const pendingHashes = state.pending.map((f) => f.hash!);
    if (options.expectedHashes && options.expectedHashes.join() !== pendingHashes.join()) {
      fail('conflict', 'The pending migrations changed since the preview (another apply ran, or files changed). Review them again.', {
        code: 'migrations_changed',
      });
    }
    if (state.pending.length) {
      const batch = batchOf(state.pending);
      const rows = await tableRowEstimates(session, batch);
      const blocked = lintMigrations(batch, { tableRows: rows }).filter((f) => f.severity === 'block');
      if (blocked.length) fail('validation', blockedMessage(blocked), { code: 'preflight_blocked' });
    }
    return await body({ session, state, before });
  } finally {
    await unlock?.();
    await session.release();
  }
}

const batchOf = (pending: readonly MigrationFile[]): LintStatement[] => pending.flatMap((f) => f.statements.map((sql, index) => ({ tag: f.tag, index, sql })));
const countStatements = (pending: readonly MigrationFile[]) => pending.reduce((n, f) => n + f.statements.length, 0);

async function setTimeouts(tx: Queryable, options: ApplyOptions): Promise<void> {
  // set_config(name, value, true) is SET LOCAL with bound values: both end with the transaction.
  await tx.query(`select set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)`, [
    `${options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS}ms`,
    `${options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS}ms`,
  ]);
}

/** Every pending statement, in order, inside the caller's transaction; history rows when `record`. */
async function runBatch(
  tx: Queryable,
  session: MigratorSession,
  pending: readonly MigrationFile[],
  options: ApplyOptions,
  { record }: { record: boolean },
): Promise<AppliedMigration[]> {
  const progress = (u: ProgressUpdate) => options.onProgress?.(u);
  const pid = session.backendPid ?? undefined;
  const total = countStatements(pending);
  if (record) {
    await setTimeouts(tx, options);
    // drizzle's own DDL (pg-core/dialect.js migrate()), inside the transaction so nothing is left behind.
    await tx.query('CREATE SCHEMA IF NOT EXISTS "drizzle"');
    await tx.query('CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (\n\tid SERIAL PRIMARY KEY,\n\thash text NOT NULL,\n\tcreated_at bigint\n)');
  }
  const done: AppliedMigration[] = [];
  let count = 0;
  for (const file of pending) {
    for (const [index, sql] of file.statements.entries()) {
      progress({
        phase: 'statement',
        tag: file.tag,
        statementIndex: index,
        statementCount: file.statements.length,
        done: count,
        total,
        excerpt: excerpt(sql),
        ...(pid ? { backendPid: pid } : {}),
      });
      await runStatement(options.observer ?? options.db, session, tx, file, index, sql, options);
      count++;
    }
    if (record) {
      await tx.query('insert into "drizzle"."__drizzle_migrations" ("hash", "created_at") values ($1, $2::bigint)', [file.hash, String(file.when)]);
    }
    done.push({ tag: file.tag, hash: file.hash!, statements: file.statements.length });
    progress({ phase: 'migration-done', tag: file.tag, done: count, total });
  }
  return done;
}

async function runStatement(
  observer: Queryable,
  session: MigratorSession,
  tx: Queryable,
  file: MigrationFile,
  index: number,
  sql: string,
  options: ApplyOptions,
): Promise<void> {
  // While a statement waits, remember who blocks it: after lock_timeout fires it is too late to ask.
  let blockers: LockHolder[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watch = session.kind === 'postgres' && session.backendPid !== null;
  const poll = async () => {
    try {
      const found = await blockersOf(observer, session.backendPid!);
      if (found.length) blockers = found;
    } catch {
      // Best effort: the message just names fewer sessions.
    }
    timer = setTimeout(() => void poll(), 100);
  };
  if (watch) timer = setTimeout(() => void poll(), 100);
  try {
    await tx.query(sql, [], options.signal ? { signal: options.signal } : {});
  } catch (err) {
    const appError = toAppError(err);
    if (appError.code === '55P03' && watch) {
      if (!blockers.length) blockers = await relationHolders(observer, sql, session.backendPid!);
    }
    throw statementError(appError, file, index, sql, blockers, options);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

function statementError(
  appError: AppError,
  file: MigrationFile,
  index: number,
  sql: string,
  blockers: LockHolder[],
  options: ApplyOptions,
): MigrationStatementError {
  const where = `${file.tag}.sql, statement ${index + 1} of ${file.statements.length}`;
  let reason = appError.message;
  if (appError.code === '55P03') {
    const lockMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    reason = blockers.length
      ? `waited longer than lock_timeout (${lockMs} ms) for a lock ${blockers.map(describeHolder).join('; ')}`
      : `waited longer than lock_timeout (${lockMs} ms) for a lock held by another session`;
  }
  const code = appError.code ? ` [SQLSTATE ${appError.code}]` : '';
  return new MigrationStatementError(
    {
      ...appError,
      message: `${where} failed${code}: ${reason}. Nothing was applied (rolled back).`,
      detail: [`Statement: ${excerpt(sql, 300)}`, appError.detail].filter(Boolean).join('\n'),
    },
    file.tag,
    index,
  );
}

/** Fallback when the watcher saw nothing: sessions holding a granted lock on the statement's table. */
async function relationHolders(observer: Queryable, sql: string, ownPid: number): Promise<LockHolder[]> {
  const ref = lockedTable(sql.trim());
  if (!ref) return [];
  const name = ref.schema ? `"${ref.schema.replaceAll('"', '""')}"."${ref.table.replaceAll('"', '""')}"` : `"${ref.table.replaceAll('"', '""')}"`;
  try {
    const { rows } = await observer.query<{ pid: number; since: string | null; application_name: string | null; usename: string | null }>(
      `select distinct a.pid, to_char(coalesce(a.xact_start, a.query_start) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as since,
              a.application_name, a.usename::text as usename
         from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.granted and l.relation = to_regclass($1) and l.pid <> $2::int`,
      [name, ownPid],
    );
    return rows.map((r) => ({ pid: Number(r.pid), since: r.since, applicationName: r.application_name || null, user: r.usename }));
  } catch {
    return [];
  }
}

function blockedMessage(blocked: LintFinding[]): string {
  const first = blocked
    .slice(0, 3)
    .map((f) => `${f.tag}.sql statement ${f.statementIndex + 1}: ${f.message}`)
    .join(' ');
  return `Preflight lint blocks this batch (${blocked.length} finding${blocked.length > 1 ? 's' : ''}). ${first}`;
}

/** After commit: every applied file recorded exactly once with its hash and journal time. */
function verify(beforeCount: number, applied: AppliedMigration[], pending: MigrationFile[], after: Awaited<ReturnType<typeof readHistory>>): string | null {
  const rows = after ?? [];
  if (rows.length !== beforeCount + applied.length) {
    return `History has ${rows.length} rows, expected ${beforeCount + applied.length}.`;
  }
  for (const file of pending) {
    const matches = rows.filter((r) => r.createdAt === file.when && r.hash === file.hash);
    if (matches.length !== 1) return `${file.tag} is recorded ${matches.length} times in the history.`;
  }
  return null;
}
