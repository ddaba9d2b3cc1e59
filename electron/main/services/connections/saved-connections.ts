import { join } from 'node:path';
import { z } from 'zod';
import { ConnectionIdSchema, EnvironmentSchema, SslModeSchema } from '../../../../shared/ipc/contracts/connections';
import { JsonFile } from '../json-file';

const HelperLoginSchema = z.object({ role: z.string(), passwordCipher: z.string() });
export type SavedHelperLogin = z.infer<typeof HelperLoginSchema>;

/** A saved connection as kept on disk: the password only as ciphertext from the SecretStore. */
export const SavedConnectionSchema = z.object({
  id: ConnectionIdSchema,
  name: z.string(),
  environment: EnvironmentSchema,
  host: z.string(),
  port: z.number().int(),
  user: z.string(),
  database: z.string(),
  sslmode: SslModeSchema,
  askPassword: z.boolean(),
  passwordCipher: z.string().optional(),
  statementTimeoutMs: z.number().int().min(0).optional(),
  /** The View-as login Warden created (ISO-05); its password only as ciphertext, bound to its endpoint. */
  impersonationLogin: HelperLoginSchema.optional(),
  /** The reader login Warden created (ISO-11), kept the same way. */
  readerLogin: HelperLoginSchema.optional(),
});
export type SavedConnection = z.infer<typeof SavedConnectionSchema>;

const FileSchema = z.object({ version: z.literal(1), connections: z.array(SavedConnectionSchema) });

export function savedConnectionsFile(userDataDir: string) {
  return new JsonFile(join(userDataDir, 'connections.json'), FileSchema, () => ({ version: 1 as const, connections: [] }));
}
export type SavedConnectionsFile = ReturnType<typeof savedConnectionsFile>;
