import { z } from 'zod';
import { ConnectionIdSchema, ConnectionSummarySchema, HelperLoginKindSchema } from './connections';

/** A PostgreSQL role name Warden may create: plain lower-case identifier, no quoting needed. */
export const HelperLoginNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z_][a-z0-9_]*$/, 'Lower-case letters, digits and underscores, not starting with a digit')
  // PostgreSQL reserves pg_* role names (42939): refused here, with the field, not by the server.
  .refine((name) => !name.startsWith('pg_'), 'Names starting with pg_ are reserved by PostgreSQL');

/**
 * Said beside the results of typed SQL when they are not what the user may believe (ISO-11): on a
 * read-only connection whose login is a superuser and that has no reader login, the SQL ran as
 * pg_read_all_data (row-level security applies to it, and a statement can leave it).
 */
export const RunNoticeSchema = z.object({
  code: z.enum(['reduced-role', 'superuser-read-only']),
  message: z.string(),
  /** The one action that fixes it. */
  action: z.enum(['create-reader-login']).optional(),
});
export type RunNotice = z.infer<typeof RunNoticeSchema>;

export const trustContract = {
  /**
   * Creates (or, for the role this connection already names, recreates with a new password) one
   * of the connection's helper logins, after PostgREST's `authenticator` pattern: `view-as` is a
   * non-superuser, NOINHERIT, non-BYPASSRLS login that is only a member of the app roles (ISO-05);
   * `reader` a non-superuser, BYPASSRLS login that is only a member of pg_read_all_data (ISO-11).
   * The generated password is kept with the connection's secrets, bound to its endpoint. Without
   * `role`, main names it after the connection so two connections never collide.
   */
  'connections.createHelperLogin': {
    input: z.object({ id: ConnectionIdSchema, kind: HelperLoginKindSchema, role: HelperLoginNameSchema.optional() }),
    output: ConnectionSummarySchema,
  },
} as const;
