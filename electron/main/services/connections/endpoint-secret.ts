import { fail } from '../../db/errors';
import type { SecretStore } from '../../secrets';

/** The four fields a stored password belongs to (ISO-07). TLS mode is not part of it. */
export interface Endpoint {
  host: string;
  port: number;
  user: string;
  database: string;
}

/**
 * One canonical text per endpoint. Host names compare case-insensitively (DNS does), so
 * `DB.example` and `db.example` are the same endpoint; user and database names are
 * case-sensitive in PostgreSQL and are kept exactly. JSON keeps any character unambiguous.
 */
export function endpointKey(endpoint: Endpoint): string {
  return JSON.stringify(['pg', endpoint.host.trim().toLowerCase(), endpoint.port, endpoint.user, endpoint.database]);
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return endpointKey(a) === endpointKey(b);
}

const SEALED_VERSION = 2;

/**
 * The password is encrypted together with the endpoint it was typed for, so the binding lives
 * inside the ciphertext: editing connections.json (or sending a draft with another host) cannot
 * move a stored password to another server without main noticing at decrypt time.
 */
export async function sealPassword(secrets: SecretStore, endpoint: Endpoint, password: string): Promise<string> {
  return secrets.encrypt(JSON.stringify({ v: SEALED_VERSION, endpoint: endpointKey(endpoint), password }));
}

/** Thrown as a classified validation error: the renderer shows it on the password field. */
export function askPasswordForEndpoint(): never {
  fail('validation', 'The stored password belongs to another host, port, user or database: enter the password for this endpoint.', {
    code: 'password_required',
    issues: [{ path: ['password'], message: 'Enter the password for this endpoint' }],
  });
}

/**
 * Decrypts a stored password for use against `endpoint` only. A payload sealed for another
 * endpoint, or one from before passwords were bound (plain text inside the ciphertext, no
 * endpoint), is never returned: the user is asked for the password instead.
 */
export async function openPassword(secrets: SecretStore, cipher: string, endpoint: Endpoint): Promise<string> {
  let plain: string;
  try {
    plain = await secrets.decrypt(cipher);
  } catch {
    fail('auth', 'The saved password could not be decrypted on this system; enter it again.', { code: 'password_required' });
  }
  const sealed = parseSealed(plain);
  if (!sealed || sealed.endpoint !== endpointKey(endpoint)) askPasswordForEndpoint();
  return sealed.password;
}

function parseSealed(plain: string): { endpoint: string; password: string } | undefined {
  if (!plain.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(plain) as { v?: unknown; endpoint?: unknown; password?: unknown };
    if (value.v !== SEALED_VERSION || typeof value.endpoint !== 'string' || typeof value.password !== 'string') return undefined;
    return { endpoint: value.endpoint, password: value.password };
  } catch {
    return undefined;
  }
}
