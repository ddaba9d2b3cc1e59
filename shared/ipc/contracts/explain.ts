import { z } from 'zod';
import { ConnectionIdSchema } from './connections';
import { CommandSchema, ImpersonationSchema } from './impersonation';

// "Why?": the RLS explainer (issue 14, WHY-01…10). For an identity, a table, a command and
// optionally a row, what the live catalog says and what each policy expression evaluates to.

/** The value an expression took for the row: PostgreSQL treats null like false in RLS. */
export const ExprValueSchema = z.object({
  value: z.enum(['true', 'false', 'null', 'error']),
  /** SQLSTATE and the server's message when `value` is error. */
  code: z.string().optional(),
  message: z.string().optional(),
});
export type ExprValue = z.infer<typeof ExprValueSchema>;

export const ExplainPolicySchema = z.object({
  name: z.string(),
  permissive: z.boolean(),
  /** ALL / SELECT / INSERT / UPDATE / DELETE, as in pg_policies. */
  command: z.string(),
  roles: z.array(z.string()),
  /** Why it applies to the role: PUBLIC, the role itself, or a role it has the privileges of. */
  via: z.string(),
  using: z.string().nullable(),
  withCheck: z.string().nullable(),
  /** SECURITY DEFINER functions the expressions call (schema.name). */
  definers: z.array(z.string()),
});
export type ExplainPolicy = z.infer<typeof ExplainPolicySchema>;

/** One place PostgreSQL evaluates policies for the command: a row filter or a new-row check. */
export const ExplainStageSchema = z.object({
  kind: z.enum(['filter', 'check']),
  /** Which policies' command this stage takes (SELECT policies also guard UPDATE/DELETE). */
  policyCommand: CommandSchema,
  row: z.enum(['existing', 'new']),
  /** What the stage stands for, e.g. "UPDATE policies' WITH CHECK on the new row". */
  label: z.string(),
  entries: z.array(
    z.object({
      policy: z.string(),
      permissive: z.boolean(),
      clause: z.enum(['using', 'with-check']),
      /** null: the policy has no expression for this stage, so it admits nothing here. */
      expression: z.string().nullable(),
      value: ExprValueSchema.nullable(),
    }),
  ),
  /** null without a row: the outcome depends on it. */
  result: z.boolean().nullable(),
});
export type ExplainStage = z.infer<typeof ExplainStageSchema>;

export const BypassSchema = z.object({
  code: z.enum(['superuser', 'bypassrls', 'owner-no-force', 'rls-disabled', 'view-definer', 'security-definer']),
  message: z.string(),
  /** true: policies do not apply at all; false: a caveat about what a helper or view reads. */
  decisive: z.boolean(),
});
export type Bypass = z.infer<typeof BypassSchema>;

export const VerdictSchema = z.object({
  outcome: z.enum(['allowed', 'hidden', 'refused', 'no-grant', 'bypass', 'conditional', 'no-row', 'error']),
  /** The reason in one sentence. */
  sentence: z.string(),
  /** The policy that decided, when one did (a restrictive one, or the check that failed). */
  policy: z.string().optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export const ExplanationSchema = z.object({
  identity: z.object({ role: z.string(), userId: z.string(), pgRole: z.string() }),
  table: z.object({
    schema: z.string(),
    table: z.string(),
    kind: z.enum(['table', 'partitioned', 'view', 'materialized', 'foreign', 'other']),
    owner: z.string(),
    rlsEnabled: z.boolean(),
    rlsForced: z.boolean(),
    securityInvoker: z.boolean(),
  }),
  command: CommandSchema,
  role: z.object({ superuser: z.boolean(), bypassrls: z.boolean(), owner: z.boolean() }),
  grants: z.object({
    schemaUsage: z.boolean(),
    table: z.boolean(),
    /** Column-level privilege for the command (SELECT/INSERT/UPDATE), per column. */
    columns: z.array(z.object({ name: z.string(), granted: z.boolean() })),
    /** Privileges the statement needs and the role lacks, e.g. `UPDATE (role)`; [] = enough. */
    missing: z.array(z.string()),
  }),
  bypass: z.array(BypassSchema),
  policies: z.array(ExplainPolicySchema),
  /** Policies on the table that do not apply to this role and command (names only). */
  otherPolicies: z.array(z.string()),
  stages: z.array(ExplainStageSchema),
  row: z.object({ key: z.array(z.string()), found: z.boolean() }).nullable(),
  verdict: VerdictSchema,
  /** What PostgreSQL itself did under rlsDb for the same row (SELECT only; reads are side-effect free). */
  observed: z
    .object({ outcome: z.enum(['visible', 'hidden', 'no-grant', 'error']), message: z.string().optional() })
    .nullable(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;

export const ExplainRequestSchema = z.object({
  connectionId: ConnectionIdSchema,
  as: ImpersonationSchema,
  schema: z.string().min(1).max(128),
  table: z.string().min(1).max(128),
  command: CommandSchema,
  /** Primary-key values as text, in key order. */
  key: z.array(z.string().max(10_000)).max(32).optional(),
  /** Proposed column values (text, null = NULL) for INSERT / UPDATE: the new row's. */
  values: z.record(z.string().max(128), z.string().max(100_000).nullable()).optional(),
  /**
   * Whether the statement reads the table's columns (a WHERE or RETURNING): then SELECT
   * policies also apply. Default: true for UPDATE/DELETE (a keyed write has a WHERE), false for INSERT.
   */
  readsColumns: z.boolean().optional(),
});
export type ExplainRequest = z.infer<typeof ExplainRequestSchema>;

export const explainContract = {
  'rls.explain': { input: ExplainRequestSchema, output: ExplanationSchema },
};
