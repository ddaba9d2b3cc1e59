import { z } from 'zod';
import type { EventName } from './channels';
import { ConnectionSummarySchema } from './contracts/connections';
import { MigrationProgressSchema } from './contracts/migrations';

/** Payloads of main -> renderer events. Events are facts that already happened. */
export const eventSchemas = {
  'connections.changed': ConnectionSummarySchema,
  'schema.changed': z.object({ connectionId: z.string(), reason: z.string() }),
  'progress.reported': z.object({
    operation: z.string(),
    connectionId: z.string().optional(),
    done: z.number(),
    total: z.number().optional(),
    message: z.string().optional(),
  }),
  'migrations.progressed': MigrationProgressSchema,
} satisfies Record<EventName, z.ZodType>;

export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>;
