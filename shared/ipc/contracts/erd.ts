import { z } from 'zod';
import { CatalogTableSchema } from '../../catalog';
import { DriftItemSchema, ErdEdgeSchema, ErdGraphSchema } from '../../erd/types';
import { ManagedInfoSchema } from '../../managed';
import { ConnectionIdSchema } from './connections';

// Diagrams: graph per domain, table panel, saved positions, export. Domain names are checked
// against the schema's domain list in main (the contract stays free of the Drizzle schema so the
// renderer does not bundle it).

/**
 * One of our domains, `all`, or on an unmanaged database a PostgreSQL schema (`sales`), an FK
 * cluster (`sales/cluster-2`), a neighbourhood (`hops:2:<table id>`) or a search (`search:<text>`).
 * Main checks it against what the connection offers; control characters are never valid.
 */
export const ErdDomainSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'not a diagram name');
const TableNameSchema = z.string().min(1).max(260);

export const ErdDomainInfoSchema = z.object({ name: z.string(), tables: z.number().int() });

export const ErdTableDetailsSchema = z.object({
  table: z.string(),
  domain: z.string(),
  /** The table as the database has it; null when it is missing there (drift). */
  live: CatalogTableSchema.nullable(),
  /** What Drizzle declares; null for a table no schema module defines. */
  schema: z
    .object({
      exportName: z.string(),
      relations: z.array(
        z.object({ name: z.string(), kind: z.enum(['one', 'many']), target: z.string(), fields: z.array(z.string()).nullable(), references: z.array(z.string()).nullable() }),
      ),
    })
    .nullable(),
  outgoing: z.array(ErdEdgeSchema),
  incoming: z.array(ErdEdgeSchema),
  drift: z.array(DriftItemSchema),
});
export type ErdTableDetails = z.infer<typeof ErdTableDetailsSchema>;

export const NodePositionSchema = z.object({
  id: TableNameSchema,
  x: z.number().finite().min(-1e6).max(1e6),
  y: z.number().finite().min(-1e6).max(1e6),
});
export type NodePosition = z.infer<typeof NodePositionSchema>;

// Positions travel as an array, not a record keyed by table name: a table may be called
// `__proto__`, and a record would turn that into a prototype write.
const PositionsSchema = z.array(NodePositionSchema).max(10_000);

const layoutKey = z.object({ connectionId: ConnectionIdSchema, domain: ErdDomainSchema });

export const ErdExportFormatSchema = z.enum(['png', 'svg', 'mermaid', 'markdown']);
export type ErdExportFormat = z.infer<typeof ErdExportFormatSchema>;

export const erdContract = {
  'erd.domains': {
    /** Without a connection: our domains. With one: its groups, and whether we manage it. */
    input: z.object({ connectionId: ConnectionIdSchema.optional() }),
    output: z.object({ domains: z.array(ErdDomainInfoSchema), managed: ManagedInfoSchema.optional() }),
  },
  'erd.graph': {
    /** `compare`: on an unmanaged database, overlay our schema's drift anyway (off by default). */
    input: layoutKey.extend({ refresh: z.boolean().optional(), compare: z.boolean().optional() }),
    output: ErdGraphSchema,
  },
  'erd.table': {
    input: z.object({ connectionId: ConnectionIdSchema, table: TableNameSchema }),
    output: ErdTableDetailsSchema,
  },
  'erd.layout.get': {
    input: layoutKey,
    output: z.object({ positions: PositionsSchema, savedAt: z.string().nullable() }),
  },
  'erd.layout.save': {
    input: layoutKey.extend({ positions: PositionsSchema }),
    output: z.object({ saved: z.number().int(), savedAt: z.string() }),
  },
  'erd.layout.reset': {
    input: layoutKey,
    output: z.object({ reset: z.boolean() }),
  },
  'erd.export': {
    input: layoutKey.extend({
      format: ErdExportFormatSchema,
      /** png: a `data:image/png;base64,` URL; svg: the SVG document. Mermaid and Markdown are built in main. */
      content: z.string().max(64 * 1024 * 1024).optional(),
    }),
    output: z.object({
      /** Where the file was written; null when the user cancelled the save dialog. */
      path: z.string().nullable(),
      bytes: z.number().int(),
    }),
  },
};
