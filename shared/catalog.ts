import { z } from 'zod';

// The live catalog of one schema, read from pg_catalog by `readCatalog` in main
// (electron/main/db/introspect). Plain data only, so it crosses IPC as is and every feature
// (diagrams, data browser, impersonation, policy matrix) reads the same shape.

export const FkActionSchema = z.enum(['no action', 'restrict', 'cascade', 'set null', 'set default']);
export type FkAction = z.infer<typeof FkActionSchema>;

export const CatalogColumnSchema = z.object({
  name: z.string(),
  /** 1-based position (pg_attribute.attnum); gaps where columns were dropped. */
  ordinal: z.number().int(),
  /** `format_type(atttypid, atttypmod)`, e.g. `timestamp without time zone`, `numeric(40,20)`. */
  type: z.string(),
  /** The type's own name (`pg_type.typname`), e.g. `timestamp`, `_text`, `payment_provider`. */
  udt: z.string(),
  /** `pg_type.typcategory`: N numeric, S string, B boolean, D date/time, U user, A array, E enum. */
  category: z.string(),
  nullable: z.boolean(),
  /** `pg_get_expr(adbin)`; null when the column has no SQL default. */
  default: z.string().nullable(),
  identity: z.enum(['always', 'by default']).nullable(),
  /** Generation expression of a `GENERATED ALWAYS AS (...) STORED` column. */
  generated: z.string().nullable(),
  /** Labels of an enum type, in sort order; null for other types. */
  enumValues: z.array(z.string()).nullable(),
  comment: z.string().nullable(),
});
export type CatalogColumn = z.infer<typeof CatalogColumnSchema>;

export const CatalogConstraintSchema = z.object({
  name: z.string(),
  kind: z.enum(['primary', 'foreign', 'unique', 'check', 'exclusion']),
  columns: z.array(z.string()),
  /** `pg_get_constraintdef`, as PostgreSQL prints it. */
  definition: z.string(),
  references: z
    .object({
      schema: z.string(),
      table: z.string(),
      columns: z.array(z.string()),
      onDelete: FkActionSchema,
      onUpdate: FkActionSchema,
    })
    .nullable(),
});
export type CatalogConstraint = z.infer<typeof CatalogConstraintSchema>;

export const CatalogIndexSchema = z.object({
  name: z.string(),
  /** Key columns or expressions, in order. */
  columns: z.array(z.string()),
  unique: z.boolean(),
  primary: z.boolean(),
  method: z.string(),
  /** Partial index predicate. */
  predicate: z.string().nullable(),
  definition: z.string(),
});
export type CatalogIndex = z.infer<typeof CatalogIndexSchema>;

export const PolicyCommandSchema = z.enum(['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE']);
export type PolicyCommand = z.infer<typeof PolicyCommandSchema>;

export const CatalogPolicySchema = z.object({
  name: z.string(),
  command: PolicyCommandSchema,
  /** Role names; `public` when the policy applies to every role. */
  roles: z.array(z.string()),
  permissive: z.boolean(),
  /** The USING expression, as PostgreSQL deparses it. */
  using: z.string().nullable(),
  withCheck: z.string().nullable(),
});
export type CatalogPolicy = z.infer<typeof CatalogPolicySchema>;

export const CatalogGrantSchema = z.object({
  /** Role name, or `PUBLIC`. */
  grantee: z.string(),
  /** SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, ... */
  privilege: z.string(),
  grantable: z.boolean(),
  /** Column-level grant: the columns it covers. Null for a table-level grant. */
  columns: z.array(z.string()).nullable(),
});
export type CatalogGrant = z.infer<typeof CatalogGrantSchema>;

export const CatalogTableSchema = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['table', 'partitioned', 'foreign']),
  /** `schema.table` of the partitioned parent (pg_inherits + relispartition); null otherwise. */
  partitionOf: z.string().nullable().default(null),
  /** `schema.table` of each plain-inheritance parent (INHERITS, not partitioning). */
  inheritsFrom: z.array(z.string()).default([]),
  owner: z.string(),
  rlsEnabled: z.boolean(),
  rlsForced: z.boolean(),
  /** Planner estimate (`reltuples`), -1 when the table was never analyzed. Never an exact count. */
  estimatedRows: z.number(),
  comment: z.string().nullable(),
  columns: z.array(CatalogColumnSchema),
  constraints: z.array(CatalogConstraintSchema),
  indexes: z.array(CatalogIndexSchema),
  policies: z.array(CatalogPolicySchema),
  grants: z.array(CatalogGrantSchema),
});
export type CatalogTable = z.infer<typeof CatalogTableSchema>;

export const CatalogRoleSchema = z.object({
  name: z.string(),
  superuser: z.boolean(),
  bypassRls: z.boolean(),
  canLogin: z.boolean(),
  inherit: z.boolean(),
});
export type CatalogRole = z.infer<typeof CatalogRoleSchema>;

export const CatalogSchema = z.object({
  /** The first schema read; `public` unless asked otherwise. */
  schema: z.string(),
  /** Every schema read (tables carry their own `schema`). */
  schemas: z.array(z.string()).default([]),
  currentUser: z.string(),
  tables: z.array(CatalogTableSchema),
  /** Every non-system role of the cluster (roles are cluster-wide). */
  roles: z.array(CatalogRoleSchema),
});
export type Catalog = z.infer<typeof CatalogSchema>;

/** Lookup helpers shared by every consumer. */
export function catalogTable(catalog: Catalog, name: string): CatalogTable | undefined {
  return catalog.tables.find((t) => t.name === name);
}

export function primaryKeyColumns(table: CatalogTable): string[] {
  return table.constraints.find((c) => c.kind === 'primary')?.columns ?? [];
}
