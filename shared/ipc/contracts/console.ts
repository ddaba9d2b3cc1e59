import { z } from 'zod';
import { ConnectionIdSchema } from './connections';
import { IdentityReceiptSchema, ImpersonationSchema, WriteOutcomeSchema } from './impersonation';
import { RunNoticeSchema } from './trust';

/** A cell as it crosses IPC: int8/numeric/timestamps as text, json as its text, bytea as \x hex. */
export const ConsoleCellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type ConsoleCell = z.infer<typeof ConsoleCellSchema>;

export const RunIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const ConsoleRunInputSchema = z.object({
  connectionId: ConnectionIdSchema,
  /** Chosen by the renderer so that `console.cancel` can name the run. */
  runId: RunIdSchema,
  sql: z.string().min(1).max(1_000_000),
  /** The current "View as" identity; absent = the connection itself. */
  as: ImpersonationSchema.optional(),
  /** Impersonated runs are rolled back unless this is true. */
  commit: z.boolean().default(false),
  maxRows: z.number().int().min(1).max(100_000).default(1000),
});

export const ConsoleRunResultSchema = z.object({
  statementKind: z.enum(['read', 'write', 'ddl', 'other']),
  columns: z.array(z.object({ name: z.string(), dataTypeID: z.number() })),
  rows: z.array(z.array(ConsoleCellSchema)),
  /** Rows returned (before truncation). */
  rowCount: z.number().int(),
  truncated: z.boolean(),
  affectedRows: z.number().int(),
  /** For writes: what really happened (N rows, hidden by policy, WITH CHECK, missing GRANT). */
  outcome: WriteOutcomeSchema.optional(),
  committed: z.boolean(),
  /** Read back in the same transaction when impersonating. */
  receipt: IdentityReceiptSchema.optional(),
  /** What the results may not show (RLS under pg_read_all_data, ISO-11), with the fix. */
  notice: RunNoticeSchema.optional(),
});
export type ConsoleRunResult = z.infer<typeof ConsoleRunResultSchema>;

export const ConsoleTableSchema = z.object({ schema: z.string(), name: z.string(), columns: z.array(z.string()) });

export const consoleContract = {
  'console.run': { input: ConsoleRunInputSchema, output: ConsoleRunResultSchema },
  'console.explain': {
    input: z.object({
      connectionId: ConnectionIdSchema,
      runId: RunIdSchema,
      sql: z.string().min(1).max(1_000_000),
      as: ImpersonationSchema.optional(),
      /** EXPLAIN ANALYZE executes the statement; it is always rolled back. */
      analyze: z.boolean().default(false),
    }),
    output: z.object({
      plan: z.array(z.string()),
      receipt: IdentityReceiptSchema.optional(),
      /** Whatever the statement did was rolled back (always: EXPLAIN ANALYZE executes it, ISO-04). */
      rolledBack: z.boolean(),
      notice: RunNoticeSchema.optional(),
    }),
  },
  'console.cancel': {
    input: z.object({ connectionId: ConnectionIdSchema, runId: RunIdSchema }),
    output: z.object({ cancelled: z.boolean() }),
  },
  'console.schema': {
    /** With `as`: only what the identity may select (completion runs as the identity too). */
    input: z.object({ connectionId: ConnectionIdSchema, as: ImpersonationSchema.optional() }),
    output: z.object({ tables: z.array(ConsoleTableSchema) }),
  },
};
