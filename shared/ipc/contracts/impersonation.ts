import { z } from 'zod';
import { ConnectionIdSchema } from './connections';
import { RunNoticeSchema } from './trust';

/** The roles an app user can hold; each maps to a database role the policies are written for. */
export const AppRoleSchema = z.enum(['user', 'admin', 'support']);
export type AppRole = z.infer<typeof AppRoleSchema>;

/**
 * "View as": the identity a data call runs under. Lives in the renderer (per connection) and is
 * passed explicitly as the optional `as` field of each data call; absent = the connection's own
 * role. `userId` is the app user's id (uuid text) placed in the JWT-like claims.
 */
export const ImpersonationSchema = z.object({
  role: AppRoleSchema,
  // Exactly as typed (RLS-07): no trimming and no truncation, so quotes, unicode, spaces at
  // either end and 10,000 characters reach auth.uid() unchanged. Only what PostgreSQL text
  // cannot hold is refused (the same rules as validateUserId in main).
  userId: z
    .string()
    .min(1, 'A user id is required to impersonate.')
    .max(10_000, 'A user id may have at most 10000 characters.')
    .refine((id) => !id.includes('\u0000'), 'A user id cannot contain a NUL character.')
    .refine((id) => !/\p{Cs}/u.test(id), 'A user id cannot contain unpaired surrogate characters.'),
});
export type Impersonation = z.infer<typeof ImpersonationSchema>;

// ---------------------------------------------------------------------------------------------
// Identity receipt (RLS-06): read back from the server in the transaction that produced a result.

export const ReceiptWarningSchema = z.object({
  code: z.enum(['superuser', 'bypassrls', 'owner-no-force', 'rls-disabled', 'view-definer', 'security-definer', 'not-impersonating', 'privileged-login']),
  message: z.string(),
  /** schema.name of the table, view or function concerned. */
  object: z.string().optional(),
});
export type ReceiptWarning = z.infer<typeof ReceiptWarningSchema>;

export const IdentityReceiptSchema = z.object({
  currentUser: z.string(),
  sessionUser: z.string(),
  /** The raw `request.jwt.claims` JSON, or null when none is set. */
  claims: z.string().nullable(),
  authUid: z.string().nullable(),
  warnings: z.array(ReceiptWarningSchema),
});
export type IdentityReceipt = z.infer<typeof IdentityReceiptSchema>;

// ---------------------------------------------------------------------------------------------
// Write outcomes (EDIT-08): never "success" when a policy or a missing grant stopped the write.

export const WriteOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rows'), count: z.number().int() }),
  /** 0 rows, while the same statement as the owner (rolled back) matched `ownerCount` rows. */
  z.object({ kind: z.literal('hidden-by-policy'), ownerCount: z.number().int() }),
  /** 0 rows and the owner matches none either: nothing to hide. */
  z.object({ kind: z.literal('no-match') }),
  /** 0 rows; the owner's count runs in a READ ONLY transaction and could not (it writes, e.g. nextval): unknown. */
  z.object({ kind: z.literal('probe-failed'), message: z.string() }),
  z.object({ kind: z.literal('with-check'), table: z.string().optional(), policies: z.array(z.string()), message: z.string() }),
  z.object({ kind: z.literal('no-grant'), table: z.string().optional(), message: z.string() }),
]);
export type WriteOutcome = z.infer<typeof WriteOutcomeSchema>;

/** The wording the UI shows for an outcome. */
export function describeOutcome(outcome: WriteOutcome): string {
  switch (outcome.kind) {
    case 'rows':
      return `${outcome.count} row${outcome.count === 1 ? '' : 's'}`;
    case 'hidden-by-policy':
      return `0 rows: hidden by policy (USING) — as the owner it would match ${outcome.ownerCount}`;
    case 'no-match':
      return '0 rows: nothing matches, even as the owner';
    case 'probe-failed':
      return `0 rows; whether a policy hid rows is unknown: the owner's read-only count could not run (${outcome.message})`;
    case 'with-check':
      return `rejected by WITH CHECK (${outcome.policies.join(', ') || 'policy'})`;
    case 'no-grant':
      return 'permission denied: missing GRANT';
  }
}

const TableRefSchema = z.object({ schema: z.string().min(1).max(128), table: z.string().min(1).max(128) });
export type TableRef = z.infer<typeof TableRefSchema>;

export const UserOptionSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string().nullable() });
export type UserOption = z.infer<typeof UserOptionSchema>;

// ---------------------------------------------------------------------------------------------
// Policy matrix: table × command × role, from pg_policies, grants and RLS flags.

export const commands = ['select', 'insert', 'update', 'delete'] as const;
export const CommandSchema = z.enum(commands);
export type Command = z.infer<typeof CommandSchema>;

export const MatrixPolicySchema = z.object({
  name: z.string(),
  permissive: z.boolean(),
  command: z.string(),
  roles: z.array(z.string()),
  using: z.string().nullable(),
  withCheck: z.string().nullable(),
  /** A CREATE POLICY statement equivalent to the catalog entry. */
  sql: z.string(),
});
export type MatrixPolicy = z.infer<typeof MatrixPolicySchema>;

/**
 * What a role can do with a command on a table: `no-grant` (42501), `no-policy` (RLS on and no
 * policy: 0 rows / WITH CHECK fails), `all` (unconditional), `conditional` (policy decides per
 * row), `rls-off` (granted and RLS disabled: every row).
 */
export const CellStateSchema = z.enum(['no-grant', 'no-policy', 'all', 'conditional', 'rls-off']);
export type CellState = z.infer<typeof CellStateSchema>;

export const MatrixCellSchema = z.object({
  state: CellStateSchema,
  grant: z.enum(['table', 'columns', 'none']),
  policies: z.array(z.string()),
});
export type MatrixCell = z.infer<typeof MatrixCellSchema>;

export const MatrixHoleSchema = z.object({
  code: z.enum(['rls-on-no-policy', 'policy-rls-off', 'write-without-read', 'policy-without-grant', 'role-no-grant']),
  role: z.string().optional(),
  command: CommandSchema.optional(),
  message: z.string(),
});
export type MatrixHole = z.infer<typeof MatrixHoleSchema>;

export const MatrixTableSchema = z.object({
  schema: z.string(),
  table: z.string(),
  domain: z.string(),
  rlsEnabled: z.boolean(),
  rlsForced: z.boolean(),
  owner: z.string(),
  /** role -> command -> cell */
  cells: z.record(z.string(), z.record(CommandSchema, MatrixCellSchema)),
  policies: z.array(MatrixPolicySchema),
  holes: z.array(MatrixHoleSchema),
});
export type MatrixTable = z.infer<typeof MatrixTableSchema>;

export const PolicyMatrixSchema = z.object({
  roles: z.array(z.string()),
  domains: z.array(z.object({ domain: z.string(), tables: z.array(MatrixTableSchema) })),
});
export type PolicyMatrix = z.infer<typeof PolicyMatrixSchema>;

// ---------------------------------------------------------------------------------------------
// Compare identities: the same table or query under 2–4 identities.

export const CompareFilterSchema = z.object({
  column: z.string().min(1).max(128),
  op: z.enum(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'like', 'ilike', 'is-null', 'not-null']),
  value: z.string().max(10_000).optional(),
});
export type CompareFilter = z.infer<typeof CompareFilterSchema>;

export const CompareSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('table'), ...TableRefSchema.shape, filters: z.array(CompareFilterSchema).max(20).default([]) }),
  z.object({ kind: z.literal('query'), sql: z.string().min(1).max(100_000) }),
]);
export type CompareSource = z.infer<typeof CompareSourceSchema>;

/** An identity to compare: an impersonation, or null for the connection's own role. */
export const CompareIdentitySchema = ImpersonationSchema.nullable();

export const CompareResultSchema = z.object({
  /** Columns that identify a row: the primary key for tables, every column for queries. */
  keyColumns: z.array(z.string()),
  columns: z.array(z.string()),
  identities: z.array(
    z.object({
      identity: CompareIdentitySchema,
      count: z.number().int().nullable(),
      error: z.object({ code: z.string().optional(), message: z.string() }).optional(),
      receipt: IdentityReceiptSchema.optional(),
      /** The connection itself (no identity) on a read-only superuser login: RLS applied (ISO-11). */
      notice: RunNoticeSchema.optional(),
    }),
  ),
  /** Rows that only some identities see (capped): key values and which identity sees it. */
  differences: z.array(z.object({ key: z.array(z.string().nullable()), seenBy: z.array(z.boolean()) })),
  differencesTruncated: z.boolean(),
  /** Rows seen by every identity. */
  common: z.number().int(),
});
export type CompareResult = z.infer<typeof CompareResultSchema>;

// ---------------------------------------------------------------------------------------------
// Record a check as a test.

export const RecordedCheckSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('compare'),
    source: CompareSourceSchema,
    identities: z.array(CompareIdentitySchema).min(1).max(4),
    /** Observed counts, one per identity (null: it failed). */
    counts: z.array(z.number().int().nullable()),
  }),
  z.object({
    kind: z.literal('write'),
    as: ImpersonationSchema,
    sql: z.string().min(1).max(100_000),
    outcome: WriteOutcomeSchema,
  }),
]);
export type RecordedCheck = z.infer<typeof RecordedCheckSchema>;

const withConnection = { connectionId: ConnectionIdSchema };

export const impersonationContract = {
  'impersonation.users': {
    input: z.object({ ...withConnection, search: z.string().max(200).default(''), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ users: z.array(UserOptionSchema) }),
  },
  'impersonation.receipt': {
    input: z.object({ ...withConnection, as: ImpersonationSchema, tables: z.array(TableRefSchema).max(50).default([]) }),
    output: IdentityReceiptSchema,
  },
  'impersonation.write': {
    input: z.object({ ...withConnection, as: ImpersonationSchema, sql: z.string().min(1).max(100_000), commit: z.boolean().default(false) }),
    output: z.object({ outcome: WriteOutcomeSchema, committed: z.boolean(), receipt: IdentityReceiptSchema.optional() }),
  },
  'impersonation.matrix': {
    input: z.object(withConnection),
    output: PolicyMatrixSchema,
  },
  'impersonation.compare': {
    input: z.object({ ...withConnection, source: CompareSourceSchema, identities: z.array(CompareIdentitySchema).min(2).max(4) }),
    output: CompareResultSchema,
  },
  'impersonation.exportTest': {
    input: z.object({ ...withConnection, name: z.string().trim().min(1).max(80), check: RecordedCheckSchema }),
    output: z.object({ path: z.string(), fileName: z.string(), content: z.string() }),
  },
};
