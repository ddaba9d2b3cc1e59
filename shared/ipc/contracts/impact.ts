import { z } from 'zod';
import { ConnectionIdSchema } from './connections';
import { AppRoleSchema, CellStateSchema, CommandSchema } from './impersonation';

/**
 * Migration access impact (issue 14 item 2): the pending batch runs in apply's transaction,
 * which is always rolled back; the policy matrix and, for chosen personas, the visible rows of
 * affected tables are measured before and after inside it.
 */
export const ImpactPersonaSchema = z.object({
  role: AppRoleSchema,
  userId: z.string().trim().min(1).max(64),
});
export type ImpactPersona = z.infer<typeof ImpactPersonaSchema>;

export const ImpactInputSchema = z.object({
  connectionId: ConnectionIdSchema,
  /** Absent: up to two members of different organizations are chosen. Empty: matrix only. */
  personas: z.array(ImpactPersonaSchema).max(8).optional(),
  /** The previewed batch: refused if the pending hashes differ under the lock (as apply). */
  expectedHashes: z.array(z.string().max(128)).max(10_000).optional(),
  waitForLockMs: z.number().int().min(0).max(600_000).optional(),
});
export type ImpactInput = z.infer<typeof ImpactInputSchema>;

/** A cell's state, or `absent` when the table does not exist on that side. */
export const ImpactCellStateSchema = z.union([CellStateSchema, z.literal('absent')]);

export const AccessChangeSchema = z.object({
  schema: z.string(),
  table: z.string(),
  role: z.string(),
  command: CommandSchema,
  before: ImpactCellStateSchema,
  after: ImpactCellStateSchema,
  direction: z.enum(['gain', 'loss', 'changed']),
  /** The policies added, dropped or altered that apply to this role and command (or "GRANT", "RLS"). */
  causes: z.array(z.string()),
  dangerous: z.boolean(),
  message: z.string(),
});
export type AccessChange = z.infer<typeof AccessChangeSchema>;

export const PolicyChangeSchema = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  change: z.enum(['added', 'dropped', 'altered']),
  /** CREATE POLICY text of the catalog entry before / after. */
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type PolicyChange = z.infer<typeof PolicyChangeSchema>;

export const TableChangeSchema = z.object({
  schema: z.string(),
  table: z.string(),
  change: z.enum(['created', 'dropped', 'rls-lost', 'rls-gained', 'force-lost', 'force-gained']),
  dangerous: z.boolean(),
  message: z.string(),
});
export type TableChange = z.infer<typeof TableChangeSchema>;

export const PersonaRowsSchema = z.object({
  persona: ImpactPersonaSchema,
  schema: z.string(),
  table: z.string(),
  /** Rows the persona sees; null when the table is absent or the read failed (see error). */
  before: z.number().int().nullable(),
  after: z.number().int().nullable(),
  /** Of those, rows naming neither the persona nor one of its organizations; null: the table has no tenant column. */
  foreignBefore: z.number().int().nullable(),
  foreignAfter: z.number().int().nullable(),
  errorBefore: z.string().nullable(),
  errorAfter: z.string().nullable(),
  dangerous: z.boolean(),
});
export type PersonaRows = z.infer<typeof PersonaRowsSchema>;

export const ImpactFindingSchema = z.object({
  schema: z.string(),
  table: z.string(),
  role: z.string().optional(),
  persona: ImpactPersonaSchema.optional(),
  message: z.string(),
});

export const MigrationImpactSchema = z.object({
  connectionId: ConnectionIdSchema,
  /** Tags rehearsed, in run order; empty when nothing is pending. */
  migrations: z.array(z.string()),
  pendingHashes: z.array(z.string()),
  personas: z.array(ImpactPersonaSchema),
  accessChanges: z.array(AccessChangeSchema),
  policyChanges: z.array(PolicyChangeSchema),
  tableChanges: z.array(TableChangeSchema),
  rows: z.array(PersonaRowsSchema),
  dangerous: z.array(ImpactFindingSchema),
  /** No cell, policy, table flag or persona row count changed. */
  noAccessChange: z.boolean(),
  durationMs: z.number(),
});
export type MigrationImpact = z.infer<typeof MigrationImpactSchema>;

export const impactContract = {
  'migrations.impact': { input: ImpactInputSchema, output: MigrationImpactSchema },
};
