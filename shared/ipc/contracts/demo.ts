import { z } from 'zod';

export const DemoStatusSchema = z.object({
  /** Migrations of the bundled folder not yet applied to the embedded database. */
  pendingMigrations: z.number().int(),
  /** Rows in the `user` table; 0 means the demo data has not been created. */
  users: z.number().int(),
  ready: z.boolean(),
});
export type DemoStatus = z.infer<typeof DemoStatusSchema>;

export const demoContract = {
  'demo.status': { input: z.object({}), output: DemoStatusSchema },
  'demo.create': {
    input: z.object({}),
    output: z.object({ applied: z.number().int(), rows: z.number().int(), counts: z.record(z.string(), z.number().int()) }),
  },
};
