import { z } from 'zod';
import { ConnectionIdSchema, ConnectionSummarySchema } from './connections';

/** A PostgreSQL role name Warden may create: plain lower-case identifier, no quoting needed. */
export const ImpersonationLoginNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z_][a-z0-9_]*$/, 'Lower-case letters, digits and underscores, not starting with a digit');

export const trustContract = {
  /**
   * Creates the connection's View-as login (PostgREST's `authenticator` pattern, ISO-05): a
   * non-superuser, NOINHERIT, non-BYPASSRLS login that is only a member of the app roles. Its
   * generated password is kept with the connection's secrets; impersonated work then runs on it.
   */
  'connections.createImpersonationLogin': {
    input: z.object({ id: ConnectionIdSchema, role: ImpersonationLoginNameSchema.default('warden_view_as') }),
    output: ConnectionSummarySchema,
  },
} as const;
