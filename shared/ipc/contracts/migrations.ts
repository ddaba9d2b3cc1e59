import { z } from 'zod';
import { LintFindingSchema } from '../../migrations/lint';
import { ConnectionIdSchema, EnvironmentSchema } from './connections';

/**
 * A migration's state against `drizzle.__drizzle_migrations`:
 * - `would-skip`: pending, but its journal time is not newer than the newest applied row, so
 *   drizzle's migrator would silently skip it forever (docs/reliability.md);
 * - `file-missing`: a history row with no file (or a journal entry without its .sql).
 */
export const MigrationStateSchema = z.enum(['applied', 'pending', 'modified', 'would-skip', 'file-missing']);
export type MigrationState = z.infer<typeof MigrationStateSchema>;

export const MigrationItemSchema = z.object({
  /** Journal tag (file name without `.sql`); for an orphan history row, `#<id>`. */
  tag: z.string(),
  idx: z.number().int().nullable(),
  /** Journal `when` (ms since epoch); drizzle stores it as the row's `created_at`. */
  when: z.number().nullable(),
  state: MigrationStateSchema,
  /** sha256 of the file as drizzle computes it. */
  hash: z.string().nullable(),
  /** The hash recorded in the database, when applied. */
  dbHash: z.string().nullable(),
  /** When Warden applied it (from its audit log), ISO text. */
  appliedAt: z.string().nullable(),
  statementCount: z.number().int(),
  problem: z.string().nullable(),
});
export type MigrationItem = z.infer<typeof MigrationItemSchema>;

export const MigrationStatusSchema = z.object({
  connectionId: ConnectionIdSchema,
  journalFound: z.boolean(),
  /** The history table exists (false on a never-migrated database). */
  historyExists: z.boolean(),
  items: z.array(MigrationItemSchema),
  counts: z.object({
    applied: z.number().int(),
    pending: z.number().int(),
    modified: z.number().int(),
    wouldSkip: z.number().int(),
    fileMissing: z.number().int(),
  }),
  /** Why apply would be refused now (modified, would-skip, missing files), or null. */
  refusal: z.string().nullable(),
});
export type MigrationStatus = z.infer<typeof MigrationStatusSchema>;

export const PreviewStatementSchema = z.object({ index: z.number().int(), sql: z.string() });

export const MigrationPreviewSchema = z.object({
  connectionId: ConnectionIdSchema,
  migrations: z.array(
    z.object({
      tag: z.string(),
      state: MigrationStateSchema,
      hash: z.string().nullable(),
      statements: z.array(PreviewStatementSchema),
    }),
  ),
  findings: z.array(LintFindingSchema),
  /** Any `block` finding in the pending batch. */
  blocked: z.boolean(),
  /** Hashes of the pending batch in run order; pass them to apply to refuse if anything changed. */
  pendingHashes: z.array(z.string()),
});
export type MigrationPreview = z.infer<typeof MigrationPreviewSchema>;

export const ApplyInputSchema = z.object({
  connectionId: ConnectionIdSchema,
  /** Production connections: the connection's name, typed. */
  confirmation: z.string().max(200).optional(),
  /** 0 = report the holder at once when another migrator holds the lock. */
  waitForLockMs: z.number().int().min(0).max(600_000).optional(),
  lockTimeoutMs: z.number().int().min(1).max(600_000).optional(),
  statementTimeoutMs: z.number().int().min(0).max(86_400_000).optional(),
  /** The pending batch the user previewed; apply refuses if the batch differs under the lock. */
  expectedHashes: z.array(z.string().max(128)).max(10_000).optional(),
});
export type ApplyInput = z.infer<typeof ApplyInputSchema>;

export const AppliedMigrationSchema = z.object({ tag: z.string(), hash: z.string(), statements: z.number().int() });

export const ApplyResultSchema = z.object({
  runId: z.string(),
  applied: z.array(AppliedMigrationSchema),
  /** The embedded database's backup taken before applying (file name in the backups folder). */
  backupFile: z.string().nullable(),
  verified: z.boolean(),
  durationMs: z.number(),
});
export type ApplyResult = z.infer<typeof ApplyResultSchema>;

export const DriftStatementSchema = z.object({
  sql: z.string(),
  /** Why this statement drops data or columns (the preflight lint's wording), or null. */
  dataLoss: z.string().nullable(),
  /** `schema`: built from the Drizzle schema's own policy, RLS and grant definitions; `drizzle-kit`: its push diff. */
  source: z.enum(['schema', 'drizzle-kit']),
});
export type DriftStatement = z.infer<typeof DriftStatementSchema>;

/** A policy, RLS or grant difference found by comparing the catalog with the schema's definitions. */
export const AccessDriftFindingSchema = z.object({
  kind: z.enum(['policy', 'rls', 'grant']),
  table: z.string(),
  name: z.string().optional(),
  side: z.enum(['schema-only', 'live-only', 'differs']),
  message: z.string(),
});

export const DriftSchema = z.object({
  connectionId: ConnectionIdSchema,
  inSync: z.boolean(),
  /** drizzle-kit's verdict (it counts rows) or any statement marked as dropping data. */
  hasDataLoss: z.boolean(),
  warnings: z.array(z.string()),
  groups: z.array(z.object({ domain: z.string(), statements: z.array(DriftStatementSchema) })),
  access: z.array(AccessDriftFindingSchema),
  statementCount: z.number().int(),
});
export type Drift = z.infer<typeof DriftSchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  who: z.string(),
  when: z.string(),
  connectionId: z.string(),
  connectionName: z.string(),
  environment: EnvironmentSchema,
  driver: z.enum(['pglite', 'postgres']),
  result: z.enum(['applied', 'nothing-pending', 'failed', 'refused', 'restored']),
  migrations: z.array(z.object({ tag: z.string(), hash: z.string() })),
  error: z
    .object({
      kind: z.string(),
      code: z.string().optional(),
      message: z.string(),
      tag: z.string().optional(),
      statementIndex: z.number().int().optional(),
    })
    .nullable(),
  durationMs: z.number(),
  backupFile: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const BackupSchema = z.object({ file: z.string(), createdAt: z.string(), bytes: z.number().int() });

const byConnection = z.object({ connectionId: ConnectionIdSchema });

export const migrationsContract = {
  'migrations.status': { input: byConnection, output: MigrationStatusSchema },
  'migrations.preview': {
    input: byConnection.extend({ tag: z.string().max(200).optional() }),
    output: MigrationPreviewSchema,
  },
  'migrations.apply': { input: ApplyInputSchema, output: ApplyResultSchema },
  /** Stops a running apply (while it waits for the lock, or mid-run: rolled back). */
  'migrations.cancel': { input: byConnection, output: z.object({ cancelled: z.boolean() }) },
  'migrations.drift': { input: byConnection, output: DriftSchema },
  'migrations.history': {
    input: z.object({ connectionId: ConnectionIdSchema.optional(), limit: z.number().int().min(1).max(1000).optional() }),
    output: z.object({ entries: z.array(AuditEntrySchema), backups: z.array(BackupSchema) }),
  },
  'migrations.restoreBackup': {
    input: byConnection.extend({ file: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+\.tar\.gz$/, 'not a backup file name') }),
    output: z.object({ restored: z.boolean(), file: z.string() }),
  },
};

export const MigrationProgressSchema = z.object({
  connectionId: z.string(),
  runId: z.string(),
  phase: z.enum(['waiting-for-lock', 'locked', 'backup', 'statement', 'migration-done', 'committed', 'verified', 'failed']),
  tag: z.string().optional(),
  statementIndex: z.number().int().optional(),
  statementCount: z.number().int().optional(),
  /** Statements run so far in the whole batch, and the batch's total. */
  done: z.number().int(),
  total: z.number().int(),
  excerpt: z.string().optional(),
  message: z.string().optional(),
  /** The migrator's server backend pid (postgres only). */
  backendPid: z.number().int().optional(),
  code: z.string().optional(),
});
export type MigrationProgress = z.infer<typeof MigrationProgressSchema>;
