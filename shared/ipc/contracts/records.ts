import { z } from 'zod';
import { ColumnNameSchema, FilterSchema, SortSchema } from '../../records/filter';
import { ConnectionIdSchema } from './connections';
import { IdentityReceiptSchema, ImpersonationSchema } from './impersonation';
import { ManagedInfoSchema } from '../../managed';

export const RelationKindSchema = z.enum(['table', 'partitioned', 'view', 'matview', 'foreign']);
export type RelationKind = z.infer<typeof RelationKindSchema>;


// Data browser and record editors (issue 6). Every value on the wire is text or null: int8,
// numeric, json with big numbers, timestamps with microseconds all arrive exactly as PostgreSQL
// prints them; nothing is parsed into a JS number or Date on the way.

const NameSchema = z.string().min(1).max(256);

export const TableRefSchema = z.object({
  connectionId: ConnectionIdSchema,
  schema: NameSchema.default('public'),
  table: NameSchema,
  /** "View as": every statement runs inside rlsDb.rls(userId, role, …) in main (issue 7). */
  as: ImpersonationSchema.optional(),
});

/** Lets the renderer cancel a running read (the view changed) with `records.cancel`. */
const RequestIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const CellSchema = z.string().nullable();
export type Cell = z.infer<typeof CellSchema>;

/** A row's key: the primary-key values as text (ctid for tables without one, read-only). */
export const RowKeySchema = z.array(z.string().max(100_000)).min(1).max(32);
export type RowKey = z.infer<typeof RowKeySchema>;

export const columnKinds = [
  'text',
  'number',
  'boolean',
  'datetime',
  'date',
  'time',
  'interval',
  'enum',
  'json',
  'uuid',
  'bytea',
  'array',
  'other',
] as const;
export const ColumnKindSchema = z.enum(columnKinds);
export type ColumnKind = z.infer<typeof ColumnKindSchema>;

export const ColumnMetaSchema = z.object({
  name: z.string(),
  /** `format_type` of the column, e.g. `numeric(40,20)`. */
  type: z.string(),
  kind: ColumnKindSchema,
  nullable: z.boolean(),
  hasDefault: z.boolean(),
  /** Drizzle `$defaultFn`: main fills it on insert when the value is left out. */
  appDefault: z.boolean(),
  /** Generated or identity ALWAYS: never written. */
  readOnly: z.boolean(),
  primaryKey: z.boolean(),
  sortable: z.boolean(),
  enumValues: z.array(z.string()).optional(),
  /** Set when the column alone is a foreign key: the cell links to the referenced row. */
  references: z.object({ schema: z.string(), table: z.string(), column: z.string() }).optional(),
});
export type ColumnMeta = z.infer<typeof ColumnMetaSchema>;

export const ReferenceSchema = z.object({
  constraint: z.string(),
  schema: z.string(),
  table: z.string(),
  columns: z.array(z.string()),
  refColumns: z.array(z.string()),
});

export const TableMetaSchema = z.object({
  schema: z.string(),
  table: z.string(),
  domain: z.string().nullable(),
  kind: RelationKindSchema,
  /** `offset`: a view has neither key nor ctid, so pages are read by position (said in the UI). */
  paging: z.enum(['key', 'ctid', 'offset']),
  /** A view's definition and whether it runs with the caller's rights (security_invoker: RLS applies as the caller). */
  view: z.object({ definition: z.string(), securityInvoker: z.boolean() }).nullable(),
  columns: z.array(ColumnMetaSchema),
  primaryKey: z.array(z.string()),
  /** Why the table cannot be edited (no primary key, production lock), if it cannot. */
  readOnlyReason: z.string().optional(),
  estimatedRows: z.number().nullable(),
  foreignKeys: z.array(ReferenceSchema),
  referencedBy: z.array(ReferenceSchema),
  /** The table has a drizzle-zod schema, so the editor validates with it. */
  zod: z.boolean(),
});
export type TableMeta = z.infer<typeof TableMetaSchema>;

export const TableSummarySchema = z.object({
  schema: z.string(),
  name: z.string(),
  /** Our domain, only on a database this project manages (never borrowed by name). */
  domain: z.string().nullable(),
  kind: RelationKindSchema,
  /** Partitions folded under this partitioned table. */
  partitions: z.number().int(),
  /** Planner estimate (pg_class.reltuples); null when the table was never analyzed. */
  estimatedRows: z.number().nullable(),
  hasPrimaryKey: z.boolean(),
  rlsEnabled: z.boolean(),
});
export type TableSummary = z.infer<typeof TableSummarySchema>;

const ViewSchema = {
  sort: SortSchema.optional(),
  filters: z.array(FilterSchema).max(20).default([]),
};

export const PageInputSchema = TableRefSchema.extend({
  ...ViewSchema,
  /** Keyset cursor from the previous page's `nextCursor`. */
  after: z.array(CellSchema).max(33).optional(),
  /** "Go to key": start at the row with this key (or the next one in key order). */
  seek: RowKeySchema.optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  /** Characters per cell in lists; longer values are capped and report their size. */
  cellCap: z.number().int().min(16).max(100_000).default(500),
  requestId: RequestIdSchema.optional(),
});
export type PageInput = z.input<typeof PageInputSchema>;

export const PageSchema = z.object({
  columns: z.array(z.string()),
  /** Array mode: one array of cells per row, in `columns` order. */
  rows: z.array(z.array(CellSchema)),
  keys: z.array(RowKeySchema),
  /** Row versions (xmin) for optimistic concurrency. */
  xmins: z.array(z.string()),
  /** [row, column, full size in bytes] of every capped cell. */
  truncated: z.array(z.tuple([z.number(), z.number(), z.number()])),
  nextCursor: z.array(CellSchema).nullable(),
  /** Planner estimate of the filtered view; only on a first page. */
  estimate: z.number().nullable().optional(),
  /** With `as` only: who the page's own rlsDb transaction ran as, and why RLS may not apply. */
  receipt: IdentityReceiptSchema.optional(),
});
export type Page = z.infer<typeof PageSchema>;

const ColumnValueSchema = z.object({ column: ColumnNameSchema, value: CellSchema });

export const ChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('update'),
    key: RowKeySchema,
    xmin: z.string().regex(/^\d+$/),
    values: z.array(ColumnValueSchema).min(1).max(1600),
    /** The values the user saw, to draw a diff if the row changed meanwhile. */
    original: z.array(ColumnValueSchema).max(1600).optional(),
  }),
  z.object({ kind: z.literal('insert'), values: z.array(ColumnValueSchema).max(1600) }),
  z.object({ kind: z.literal('delete'), key: RowKeySchema, xmin: z.string().regex(/^\d+$/) }),
]);
export type Change = z.infer<typeof ChangeSchema>;

export const ChangesInputSchema = TableRefSchema.extend({
  changes: z.array(ChangeSchema).min(1).max(1000),
  /** While impersonating, changes are rolled back unless this is true (issue 7). */
  commit: z.boolean().optional(),
});

export const StatementSchema = z.object({ sql: z.string(), params: z.array(CellSchema) });

export const DiffEntrySchema = z.object({
  column: z.string(),
  original: CellSchema.optional(),
  staged: CellSchema.optional(),
  current: CellSchema,
});
export type DiffEntry = z.infer<typeof DiffEntrySchema>;

export const ApplyResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('applied'),
    inserted: z.number(),
    updated: z.number(),
    deleted: z.number(),
    /** false: ran while impersonating and was rolled back (nothing saved). Absent: committed. */
    committed: z.boolean().optional(),
  }),
  z.object({
    status: z.literal('conflict'),
    /** Index of the change that found the row gone or changed; nothing was applied. */
    index: z.number(),
    reason: z.enum(['gone', 'changed']),
    message: z.string(),
    current: z.array(z.object({ column: z.string(), value: CellSchema })).nullable(),
    currentXmin: z.string().nullable(),
    diff: z.array(DiffEntrySchema),
  }),
]);
export type ApplyResult = z.infer<typeof ApplyResultSchema>;

export const recordsContract = {
  'records.tables': {
    /** Without `schema`: every schema the login may use. */
    input: z.object({ connectionId: ConnectionIdSchema, schema: NameSchema.optional() }),
    output: z.object({ tables: z.array(TableSummarySchema), managed: ManagedInfoSchema }),
  },
  'records.describe': { input: TableRefSchema, output: TableMetaSchema },
  'records.page': { input: PageInputSchema, output: PageSchema },
  'records.count': {
    input: TableRefSchema.extend({
      ...ViewSchema,
      timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
      requestId: RequestIdSchema.optional(),
    }),
    output: z.object({ count: z.string() }),
  },
  'records.cancel': { input: z.object({ requestId: RequestIdSchema }), output: z.object({ cancelled: z.boolean() }) },
  'records.value': {
    input: TableRefSchema.extend({
      key: RowKeySchema,
      column: ColumnNameSchema,
      /** Characters, for loading a huge value in chunks. */
      offset: z.number().int().min(0).default(0),
      length: z.number().int().min(1).max(16_000_000).default(4_000_000),
    }),
    output: z.object({ value: CellSchema, offset: z.number(), chars: z.number(), bytes: z.number() }),
  },
  'records.references': {
    input: TableRefSchema.extend({ key: RowKeySchema }),
    output: z.object({
      references: z.array(ReferenceSchema.extend({ count: z.number(), capped: z.boolean(), values: z.array(CellSchema) })),
    }),
  },
  'records.preview': { input: ChangesInputSchema, output: z.object({ statements: z.array(StatementSchema) }) },
  'records.apply': { input: ChangesInputSchema, output: ApplyResultSchema },
  'records.export': {
    input: TableRefSchema.extend({
      ...ViewSchema,
      format: z.enum(['csv', 'json']),
      /**
       * CSV only. Off (the default): a cell a spreadsheet would evaluate (starting with `=`, `+`,
       * `-`, `@`, tab or CR) is written with a leading `'` (ISO-08). On: every cell exactly as stored.
       */
      rawValues: z.boolean().default(false),
      requestId: RequestIdSchema.optional(),
    }),
    output: z.object({ path: z.string(), rows: z.number(), bytes: z.number() }),
  },
};
