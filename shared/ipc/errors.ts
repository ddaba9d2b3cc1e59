import { z } from 'zod';

/**
 * Every failure that crosses the IPC boundary is one of these kinds. The renderer decides what
 * to show from the kind alone; `code` is the SQLSTATE when PostgreSQL produced the error.
 */
export const errorKinds = [
  'network',
  'auth',
  'tls',
  'timeout',
  'cancelled',
  'sql',
  'conflict',
  'validation',
  /** A statement changed the impersonated identity (role or claim subject) mid-run; rolled back. */
  'identity',
  'internal',
] as const;

export const ErrorKindSchema = z.enum(errorKinds);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

/** Where a refusal came from, so the UI can say which layer refused (Zod, constraint, policy, grant). */
export const RefusalLayerSchema = z.enum(['zod', 'constraint', 'policy', 'grant', 'readonly']);
export type RefusalLayer = z.infer<typeof RefusalLayerSchema>;

export const FieldIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/**
 * The only error shape that leaves main: kind, SQLSTATE, message, detail, hint (ERR-01).
 * Never a stack, never bound parameters, never a password.
 */
export const AppErrorSchema = z.object({
  kind: ErrorKindSchema,
  code: z.string().optional(),
  message: z.string(),
  detail: z.string().optional(),
  hint: z.string().optional(),
  layer: RefusalLayerSchema.optional(),
  constraint: z.string().optional(),
  issues: z.array(FieldIssueSchema).optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppError };
