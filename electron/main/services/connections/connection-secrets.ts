import { fail } from '../../db/errors';
import type { SecretStore } from '../../secrets';
import type { ResolvedDraft } from './draft';
import { askPasswordForEndpoint, type Endpoint, openPassword, sameEndpoint, sealPassword } from './endpoint-secret';
import type { SavedConnection, SavedHelperLogin } from './saved-connections';

/**
 * Every password of a saved connection and of its helper logins: kept only as ciphertext bound
 * to the endpoint it was typed (or generated) for (ISO-07), opened only for that endpoint, and
 * remembered while in memory so error texts can be scrubbed of it (SEC-08).
 */
export class ConnectionSecrets {
  private readonly inUse = new Set<string>();

  constructor(private readonly store: SecretStore) {}

  /** Every password currently in memory, so error texts can be scrubbed of them. */
  known(): string[] {
    return [...this.inUse];
  }

  remember(password: string | undefined): void {
    if (password) this.inUse.add(password);
  }

  /**
   * The stored password, only for `endpoint` (by default the saved one): the ciphertext names
   * the endpoint it was sealed for, so a connection whose host, port, user or database changed
   * since (even by editing the file) gets "enter the password for this endpoint" (ISO-07).
   */
  async stored(saved: SavedConnection, endpoint: Endpoint = saved): Promise<string | undefined> {
    if (!saved.passwordCipher) return undefined;
    const password = await openPassword(this.store, saved.passwordCipher, endpoint);
    this.remember(password);
    return password;
  }

  /** What `save` keeps: the old ciphertext, none, or the new password sealed for the draft's endpoint. */
  async cipherForSave({ fields, password }: ResolvedDraft, existing: SavedConnection | undefined): Promise<string | undefined> {
    const kept = existing?.passwordCipher;
    if (password === null || fields.askPassword) return undefined;
    if (password === undefined && kept && existing && !sameEndpoint(fields, existing)) {
      // ISO-07: the stored password stays with the endpoint it was typed for.
      askPasswordForEndpoint();
    }
    if (typeof password !== 'string' || password.length === 0) return kept;
    if (this.store.state() !== 'available') {
      fail('validation', 'Secure storage is not available on this system, so the password cannot be saved. Choose "ask every time".', {
        issues: [{ path: ['askPassword'], message: 'Secure storage unavailable: choose "ask every time"' }],
      });
    }
    return sealPassword(this.store, fields, password);
  }

  /** Helper logins need somewhere to keep a password nobody typed. */
  assertCanKeep(label: string): void {
    if (this.store.state() !== 'available') fail('validation', `Secure storage is not available on this system, so the ${label} password cannot be kept.`);
  }

  /** A helper login's generated password, bound like the connection's own: same host, port and database, its own user. */
  async sealHelper(saved: Endpoint, role: string, password: string): Promise<SavedHelperLogin> {
    this.remember(password);
    return { role, passwordCipher: await sealPassword(this.store, helperEndpoint(saved, role), password) };
  }

  async openHelper(saved: Endpoint, login: SavedHelperLogin): Promise<string> {
    const password = await openPassword(this.store, login.passwordCipher, helperEndpoint(saved, login.role));
    this.remember(password);
    return password;
  }
}

function helperEndpoint(saved: Endpoint, role: string): Endpoint {
  return { host: saved.host, port: saved.port, user: role, database: saved.database };
}
