import { z } from 'zod';
import { FkActionSchema } from '../catalog';

// The diagram model: plain data built in main from the Drizzle schema and the live catalog
// (`build-graph.ts`), sent over IPC, mapped to React Flow nodes in the renderer. No React Flow
// types here, and no functions in node data.

/** The diagram of every table. */
export const ALL_DOMAINS = 'all';

/** Domain id of a table that the database has but no schema module defines. */
export const LIVE_ONLY_DOMAIN = 'live';

export const EdgeSourceSchema = z.enum(['fk+relation', 'fk-only', 'relation-only']);
export type EdgeSource = z.infer<typeof EdgeSourceSchema>;

export const CardinalitySchema = z.enum(['one', 'many']);
export type Cardinality = z.infer<typeof CardinalitySchema>;

export const DriftKindSchema = z.enum(['table', 'column', 'type', 'nullable', 'policy', 'rls', 'foreign-key']);
export type DriftKind = z.infer<typeof DriftKindSchema>;

/** `schema-only`: Drizzle defines it, the database lacks it. `live-only`: the reverse. */
export const DriftSideSchema = z.enum(['schema-only', 'live-only', 'differs']);
export type DriftSide = z.infer<typeof DriftSideSchema>;

export const DriftItemSchema = z.object({
  kind: DriftKindSchema,
  side: DriftSideSchema,
  table: z.string(),
  /** Column, policy or constraint name; absent for table-level items. */
  name: z.string().optional(),
  schema: z.string().optional(),
  live: z.string().optional(),
  message: z.string(),
});
export type DriftItem = z.infer<typeof DriftItemSchema>;

export const ErdColumnSchema = z.object({
  name: z.string(),
  type: z.string(),
  pk: z.boolean(),
  fk: z.boolean(),
  nullable: z.boolean(),
  unique: z.boolean(),
  /** The SQL default, or `$defaultFn` when only Drizzle supplies one. */
  default: z.string().nullable(),
  drift: DriftSideSchema.nullable(),
  /** What differs (type, nullability), for the column's tooltip. */
  driftNote: z.string().optional(),
});
export type ErdColumn = z.infer<typeof ErdColumnSchema>;

export const PolicyCountsSchema = z.object({
  ALL: z.number().int(),
  SELECT: z.number().int(),
  INSERT: z.number().int(),
  UPDATE: z.number().int(),
  DELETE: z.number().int(),
});
export type PolicyCounts = z.infer<typeof PolicyCountsSchema>;

export const ErdNodeSchema = z.object({
  /** The table's SQL name, `schema.table` outside `public`: unique within the diagram. */
  id: z.string(),
  table: z.string(),
  /** The PostgreSQL schema (the Data screen opens it there, never assuming `public`). */
  schema: z.string().default('public'),
  /** Partitioned tables carry their folded partitions; foreign tables are marked. */
  kind: z.enum(['table', 'partitioned', 'foreign']).default('table'),
  partitions: z.number().int().default(0),
  /** Plain-inheritance parents (`schema.table`): the table is an INHERITS child. */
  inheritsFrom: z.array(z.string()).default([]),
  domain: z.string(),
  /** A table of another domain that this diagram references: drawn compact. */
  stub: z.boolean(),
  columns: z.array(ErdColumnSchema),
  rls: z.object({ enabled: z.boolean(), forced: z.boolean(), policies: PolicyCountsSchema }),
  /** Table-level drift: missing in the database, or unknown to the schema. */
  drift: DriftSideSchema.nullable(),
  driftCount: z.number().int(),
  estimatedRows: z.number().nullable(),
});
export type ErdNode = z.infer<typeof ErdNodeSchema>;

export const ErdEdgeSchema = z.object({
  /** `<from>.<to>.<fromColumns joined by +>`: stable across loads. */
  id: z.string(),
  from: z.string(),
  to: z.string(),
  fromColumns: z.array(z.string()),
  toColumns: z.array(z.string()),
  source: EdgeSourceSchema,
  /** How many `from` rows point at one `to` row: many, or one when the FK columns are unique. */
  fromCardinality: CardinalitySchema,
  toCardinality: CardinalitySchema,
  /** The FK columns may be NULL: the `to` end is optional. */
  optional: z.boolean(),
  constraint: z.string().nullable(),
  onDelete: FkActionSchema.nullable(),
  /** Drizzle relations describing this edge, as `table.relation`. */
  relations: z.array(z.string()),
  /** The FK is declared in Drizzle but missing in the database, or the reverse. */
  drift: DriftSideSchema.nullable(),
});
export type ErdEdge = z.infer<typeof ErdEdgeSchema>;

export const ErdGraphSchema = z.object({
  domain: z.string(),
  /** The diagram (or scope) has more tables than it draws at once; the rest are reachable through scopes. */
  capped: z.object({ shown: z.number().int(), total: z.number().int() }).optional(),
  /** A neighbourhood reached these hubs and did not walk through them (`scope.ts`). */
  hubs: z.array(z.object({ id: z.string(), neighbours: z.number().int() })).optional(),
  nodes: z.array(ErdNodeSchema),
  edges: z.array(ErdEdgeSchema),
  drift: z.array(DriftItemSchema),
  /** Drizzle relations that could not be resolved to columns (no matching `one` on either side). */
  unresolvedRelations: z.array(z.string()),
  /** False when the live catalog could not be read: drift is unknown, edges come from Drizzle. */
  live: z.boolean(),
});
export type ErdGraph = z.infer<typeof ErdGraphSchema>;
