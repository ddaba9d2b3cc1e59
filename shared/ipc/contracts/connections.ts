import { z } from 'zod';

export const EnvironmentSchema = z.enum(['development', 'staging', 'production']);
export type Environment = z.infer<typeof EnvironmentSchema>;

/** The colour each environment tag is drawn in, so production is never mistaken for a sandbox. */
export const environmentColors: Record<Environment, string> = {
  development: '#2f9e44',
  staging: '#e8a317',
  production: '#e03131',
};

export const SslModeSchema = z.enum(['disable', 'require', 'verify-full']);
export type SslMode = z.infer<typeof SslModeSchema>;

export const ConnectionStateSchema = z.enum([
  'disconnected',
  'connecting',
  'ready',
  'busy',
  'broken',
  'reconnecting',
]);
export type ConnectionState = z.infer<typeof ConnectionStateSchema>;

/**
 * Logins Warden creates beside a server connection's own, after PostgREST's `authenticator`:
 * `view-as` can only become the app roles (airtight View as, ISO-05); `reader` can read every row
 * and nothing else (read-only typed SQL without superuser powers, ISO-11).
 */
export const HelperLoginKindSchema = z.enum(['view-as', 'reader']);
export type HelperLoginKind = z.infer<typeof HelperLoginKindSchema>;

/** A helper login as the connection status shows it: which role, and whether it logs in (ISO-12). */
export const HelperLoginStatusSchema = z.object({
  kind: HelperLoginKindSchema,
  role: z.string(),
  state: ConnectionStateSchema,
  /** Why it is broken (classified, scrubbed): a rotated password, a dropped role. */
  reason: z.string().optional(),
});
export type HelperLoginStatus = z.infer<typeof HelperLoginStatusSchema>;

export const ConnectionIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a connection id');

/** The built-in embedded (PGlite) database always has this id. */
export const EMBEDDED_CONNECTION_ID = 'embedded';

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Host is required')
  .max(253)
  .regex(/^[A-Za-z0-9._:%[\]-]+$/, 'Host may contain letters, digits, dots, dashes and colons only');

/**
 * A saved connection as the user describes it: fields, or a URL that main parses into fields.
 * The password is write-only: `undefined` keeps the stored one, `null` forgets it.
 */
export const ConnectionDraftSchema = z.object({
  id: ConnectionIdSchema.optional(),
  name: z.string().trim().min(1, 'Name is required').max(80),
  environment: EnvironmentSchema,
  url: z.string().trim().max(2048).optional(),
  host: hostSchema.optional(),
  port: z.number().int().min(1, 'Port must be 1–65535').max(65535, 'Port must be 1–65535').optional(),
  user: z.string().trim().min(1, 'User is required').max(63).optional(),
  database: z.string().trim().min(1, 'Database is required').max(63).optional(),
  sslmode: SslModeSchema.optional(),
  password: z.string().max(1024).nullable().optional(),
  askPassword: z.boolean().optional(),
  /** Per-connection statement_timeout; also the client's deadline when the network goes silent. */
  statementTimeoutMs: z.number().int().min(0).max(86_400_000).optional(),
});
export type ConnectionDraft = z.infer<typeof ConnectionDraftSchema>;

/** What the renderer may know about a connection: never the password, only whether one is kept. */
export const ConnectionSummarySchema = z.object({
  id: ConnectionIdSchema,
  name: z.string(),
  kind: z.enum(['embedded', 'postgres']),
  environment: EnvironmentSchema,
  color: z.string(),
  host: z.string().optional(),
  port: z.number().optional(),
  user: z.string().optional(),
  database: z.string().optional(),
  sslmode: SslModeSchema.optional(),
  hasPassword: z.boolean(),
  askPassword: z.boolean(),
  state: ConnectionStateSchema,
  stateReason: z.string().optional(),
  readOnly: z.boolean(),
  statementTimeoutMs: z.number().optional(),
  /** The login is a superuser (ISO-03): said plainly; production is safer with a login that is not. */
  loginIsSuperuser: z.boolean().optional(),
  /** The helper logins created for this connection (View-as, reader) and whether each works. */
  helperLogins: z.array(HelperLoginStatusSchema).optional(),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummarySchema>;

export const ServerInfoSchema = z.object({
  serverVersion: z.string(),
  currentUser: z.string(),
  database: z.string(),
  readOnly: z.boolean(),
  /**
   * Transport security as the server reports it (pg_stat_ssl): 'verified' only with verify-full;
   * sslmode=require encrypts without checking the certificate ('not-verified').
   */
  tls: z.enum(['none', 'verified', 'not-verified']).optional(),
  /** Human label for `tls`, e.g. "Encrypted — certificate not verified". */
  tlsLabel: z.string().optional(),
});
export type ServerInfo = z.infer<typeof ServerInfoSchema>;

const byId = z.object({ id: ConnectionIdSchema });

export const connectionsContract = {
  'connections.list': { input: z.object({}), output: z.array(ConnectionSummarySchema) },
  'connections.save': { input: ConnectionDraftSchema, output: ConnectionSummarySchema },
  'connections.remove': { input: byId, output: z.object({ removed: z.boolean() }) },
  'connections.test': {
    input: z.object({ draft: ConnectionDraftSchema.optional(), id: ConnectionIdSchema.optional() }),
    output: ServerInfoSchema.extend({ latencyMs: z.number() }),
  },
  'connections.connect': {
    input: byId.extend({ password: z.string().max(1024).optional() }),
    output: ConnectionSummarySchema,
  },
  'connections.disconnect': { input: byId, output: ConnectionSummarySchema },
  'connections.status': { input: byId, output: ConnectionSummarySchema },
  'connections.unlockWrites': {
    input: byId.extend({ confirmation: z.string().max(200) }),
    output: ConnectionSummarySchema,
  },
  'connections.serverInfo': { input: byId, output: ServerInfoSchema },
  /** Cancels whatever is running (or connecting) on a connection: the "busy (with cancel)" button. */
  'connections.cancel': { input: byId, output: z.object({ cancelled: z.number().int() }) },
};
