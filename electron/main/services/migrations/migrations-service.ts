import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import type { ImpactInput, MigrationImpact } from '../../../../shared/ipc/contracts/impact';
import type { ApplyInput, ApplyResult, AuditEntry, Drift, MigrationPreview, MigrationStatus } from '../../../../shared/ipc/contracts/migrations';
import type { Database } from '../../db/driver';
import type { RunContext, RunRegistry } from '../../db/run-context';
import { AppFailure, fail, toAppError } from '../../db/errors';
import type { ConnectionsService } from '../connections/connections-service';
import type { Emit } from '../services';
import { type AppliedMigration, MigrationStatementError, applyMigrations } from './apply';
import { appendAudit, auditFile, readAudit } from './audit';
import { backupEmbedded, backupsFolder, listBackups, restoreEmbedded } from './backup';
import { checkDrift } from './drift';
import { migrationImpact } from './impact';
import { readMigrationFolder } from './folder';
import { previewMigrations } from './preview';
import { readHistory, reconcile } from './status';

export interface MigrationsServiceOptions {
  connections: ConnectionsService;
  /** The `migrations/` folder (journal + SQL); tests and e2e pass a fixture copy. */
  folder: string;
  userDataDir: string;
  emit: Emit;
  /** The app's one run registry: every statement reaches the database through its run contexts (ISO-09). */
  runs: RunRegistry;
  /** Who applies, for the audit log (the OS user by default). */
  who?: () => string;
}

/**
 * Migrations from the GUI for one app: status, preview, the locked apply with its audit trail
 * and embedded backups, drift. Connection-level rules live here (production confirmation,
 * read-only refusal); the locking runner itself is `apply.ts`. Every call reaches the database
 * through its run context: observers (status, preview, drift) in its READ ONLY reads, apply and
 * impact on the pool and dedicated session it hands out after its read-only check.
 */
export class MigrationsService {
  /** Connections with an apply in progress (a restore must wait); cancelling goes through `runs`. */
  private readonly applying = new Map<string, number>();
  private readonly runs: RunRegistry;

  constructor(private readonly options: MigrationsServiceOptions) {
    this.runs = options.runs;
  }

  get folder(): string {
    return this.options.folder;
  }

  async status(ctx: RunContext): Promise<MigrationStatus> {
    const { connectionId } = ctx;
    const folder = await readMigrationFolder(this.options.folder);
    const history = await ctx.readAsLogin((q) => readHistory(q, ctx.signal));
    const appliedAt = await this.appliedAtIndex(connectionId);
    const state = reconcile(folder, history, (hash) => appliedAt.get(hash) ?? null);
    return {
      connectionId,
      journalFound: folder.journalFound,
      historyExists: history !== null,
      items: state.items,
      counts: state.counts,
      refusal: state.refusal,
    };
  }

  preview(ctx: RunContext, tag?: string): Promise<MigrationPreview> {
    return ctx.readAsLogin((q) => previewMigrations(q, this.options.folder, ctx.connectionId, tag));
  }

  drift(ctx: RunContext): Promise<Drift> {
    return checkDrift(ctx, ctx.connectionId);
  }

  /**
   * Access impact of the pending batch: apply's runner in a transaction that is always rolled
   * back. It takes apply's advisory lock and the statements' table locks, so a read-only
   * (production) connection refuses it until writes are unlocked.
   */
  async impact(ctx: RunContext, input: ImpactInput): Promise<MigrationImpact> {
    const { connections } = this.options;
    const { signal } = ctx;
    const summary = await connections.status(input.connectionId);
    if (ctx.readOnly) {
      fail('validation', 'This connection is read-only: the access impact check takes the same locks as Apply. Unlock writes first.', { layer: 'readonly' });
    }
    const pool = ctx.db;
    const dedicated = summary.kind === 'embedded' ? undefined : await ctx.dedicated();
    try {
      return await migrationImpact({
        db: dedicated ?? pool,
        observer: pool,
        folder: this.options.folder,
        connectionId: input.connectionId,
        ...(input.personas ? { personas: input.personas } : {}),
        ...(input.expectedHashes ? { expectedHashes: input.expectedHashes } : {}),
        waitForLockMs: input.waitForLockMs ?? 0,
        signal,
      });
    } catch (err) {
      throw err instanceof AppFailure ? err : new AppFailure(toAppError(err, connections.knownSecrets()));
    } finally {
      await dedicated?.close().catch(() => undefined);
    }
  }

  async history(connectionId?: string, limit?: number) {
    const entries = await readAudit(auditFile(this.options.userDataDir), {
      ...(connectionId ? { connectionId } : {}),
      ...(limit ? { limit } : {}),
    });
    return { entries, backups: await listBackups(backupsFolder(this.options.userDataDir)) };
  }

  cancel(connectionId: string): { cancelled: boolean } {
    return { cancelled: this.runs.cancelPrefix(`migrations.apply\u0000${connectionId}\u0000`, new DOMException('Apply cancelled by the user.', 'AbortError')) };
  }

  apply(input: ApplyInput, outer?: AbortSignal): Promise<ApplyResult> {
    const runId = randomUUID();
    const requestId = `migrations.apply\u0000${input.connectionId}\u0000${runId}`;
    return this.runs.run({ connectionId: input.connectionId, requestId }, outer, (ctx) => this.applyIn(ctx, input, runId));
  }

  private async applyIn(ctx: RunContext, input: ApplyInput, runId: string): Promise<ApplyResult> {
    const { connections, emit } = this.options;
    const summary = await connections.status(input.connectionId);
    const started = performance.now();
    const { signal } = ctx;
    this.applying.set(input.connectionId, (this.applying.get(input.connectionId) ?? 0) + 1);
    let backupFile: string | null = null;
    let applied: AppliedMigration[] = [];
    let ran = false;
    let dedicated: Database | undefined;
    try {
      this.checkAllowed(summary, input);
      ctx.assertWritable();
      const pool = ctx.db;
      // Servers: the migrator gets its own connection for lock + transaction; the app's pool
      // observes (who holds the lock, who blocks a statement). PGlite is one session anyway.
      dedicated = summary.kind === 'embedded' ? undefined : await ctx.dedicated();
      const db = dedicated ?? pool;
      const outcome = await applyMigrations({
        db,
        observer: pool,
        folder: this.options.folder,
        signal,
        onProgress: (update) => emit('migrations.progressed', { connectionId: input.connectionId, runId, ...update }),
        waitForLockMs: input.waitForLockMs ?? 0,
        ...(input.lockTimeoutMs !== undefined ? { lockTimeoutMs: input.lockTimeoutMs } : {}),
        ...(input.statementTimeoutMs !== undefined ? { statementTimeoutMs: input.statementTimeoutMs } : {}),
        ...(input.expectedHashes ? { expectedHashes: input.expectedHashes } : {}),
        beforeRun: async () => {
          ran = true;
          if (db.kind !== 'pglite') return;
          emit('migrations.progressed', { connectionId: input.connectionId, runId, phase: 'backup', done: 0, total: 0, message: 'Backing up the embedded database…' });
          backupFile = await backupEmbedded(db, backupsFolder(this.options.userDataDir));
        },
      });
      applied = outcome.applied;
      const durationMs = Math.round(performance.now() - started);
      await this.audit(summary, db.kind, {
        result: applied.length ? 'applied' : 'nothing-pending',
        migrations: applied.map((m) => ({ tag: m.tag, hash: m.hash })),
        error: outcome.verified ? null : { kind: 'internal', message: outcome.verifyProblem ?? 'History verification failed.' },
        durationMs,
        backupFile,
      });
      if (applied.length) emit('schema.changed', { connectionId: input.connectionId, reason: `migrations applied: ${applied.map((m) => m.tag).join(', ')}` });
      return { runId, applied, backupFile, verified: outcome.verified, durationMs };
    } catch (err) {
      const error = toAppError(err, connections.knownSecrets());
      const at = err instanceof MigrationStatementError ? { tag: err.tag, statementIndex: err.statementIndex } : {};
      emit('migrations.progressed', {
        connectionId: input.connectionId,
        runId,
        phase: 'failed',
        done: 0,
        total: 0,
        message: error.message,
        ...at,
        ...(error.code ? { code: error.code } : {}),
      });
      await this.audit(summary, summary.kind === 'embedded' ? 'pglite' : 'postgres', {
        result: ran ? 'failed' : 'refused',
        migrations: [],
        error: { kind: error.kind, message: error.message, ...(error.code ? { code: error.code } : {}), ...at },
        durationMs: Math.round(performance.now() - started),
        backupFile,
      }).catch(() => undefined);
      throw err instanceof AppFailure ? err : new AppFailure(error);
    } finally {
      this.applying.set(input.connectionId, (this.applying.get(input.connectionId) ?? 1) - 1);
      await dedicated?.close().catch(() => undefined);
    }
  }

  /** Restores the embedded database from one of its backups (closes, replaces the data dir, reopens). */
  async restoreBackup(connectionId: string, file: string): Promise<{ restored: boolean; file: string }> {
    const summary = await this.options.connections.status(connectionId);
    if (summary.kind !== 'embedded') fail('validation', 'Only the embedded database has backups to restore.');
    if (this.applying.get(connectionId)) fail('conflict', 'A migration is running on this database; wait for it to finish.');
    const known = await listBackups(backupsFolder(this.options.userDataDir));
    // Only files this app wrote: the name comes from the renderer, and no path may leave in an error.
    if (!known.some((b) => b.file === file)) fail('validation', `No backup named ${file}.`);
    const path = join(backupsFolder(this.options.userDataDir), file);
    const started = performance.now();
    await this.options.connections.replaceEmbedded((current) => restoreEmbedded(current, path));
    await this.audit(summary, 'pglite', {
      result: 'restored',
      migrations: [],
      error: null,
      durationMs: Math.round(performance.now() - started),
      backupFile: file,
    });
    this.options.emit('schema.changed', { connectionId, reason: `restored backup ${file}` });
    return { restored: true, file };
  }

  private checkAllowed(summary: ConnectionSummary, input: ApplyInput): void {
    if (summary.environment === 'production' && input.confirmation !== summary.name) {
      fail('validation', 'Applying migrations to a production connection needs its name typed exactly.', {
        issues: [{ path: ['confirmation'], message: 'Does not match the connection name' }],
        code: 'confirmation_required',
      });
    }
  }

  private async audit(summary: ConnectionSummary, driver: 'pglite' | 'postgres', rest: Pick<AuditEntry, 'result' | 'migrations' | 'error' | 'durationMs' | 'backupFile'>) {
    const entry: AuditEntry = {
      id: randomUUID(),
      who: this.options.who?.() ?? osUser(),
      when: new Date().toISOString(),
      connectionId: summary.id,
      connectionName: summary.name,
      environment: summary.environment,
      driver,
      ...rest,
    };
    await appendAudit(auditFile(this.options.userDataDir), entry);
  }

  private async appliedAtIndex(connectionId: string): Promise<Map<string, string>> {
    const entries = await readAudit(auditFile(this.options.userDataDir), { connectionId, limit: 10_000 });
    const index = new Map<string, string>();
    // Newest first: keep the latest apply of each hash.
    for (const e of entries) if (e.result === 'applied') for (const m of e.migrations) if (!index.has(m.hash)) index.set(m.hash, e.when);
    return index;
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
