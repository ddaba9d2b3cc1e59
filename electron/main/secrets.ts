/**
 * Where saved connection passwords are encrypted. The connections service codes against this
 * interface only; `secrets-electron.ts` (safeStorage, async API) backs it in the app and
 * `secrets-node.ts` (AES-256-GCM, in-memory key) in tests and e2e.
 *
 * - 'available': real OS-backed protection (Keychain, DPAPI, kwallet/libsecret).
 * - 'basic_text': Linux fallback with a hard-coded key; encryption "works" but protects nothing,
 *   so the UI must say so and offer "ask every time" (docs/architecture.md, "Connections and secrets").
 * - 'unavailable': nothing can be stored; encrypt/decrypt reject.
 */
export type SecretStoreState = 'available' | 'basic_text' | 'unavailable';

export interface SecretStore {
  state(): SecretStoreState;
  /** Returns an opaque, storable string (base64). Rejects when state() is 'unavailable'. */
  encrypt(plain: string): Promise<string>;
  /** Inverse of encrypt. Rejects on tampered/foreign ciphertext or when unavailable. */
  decrypt(cipher: string): Promise<string>;
}

/** Thrown by stores that cannot encrypt; message never contains the secret. */
export class SecretStoreUnavailableError extends Error {
  constructor(message = 'Secure storage is unavailable on this system') {
    super(message);
    this.name = 'SecretStoreUnavailableError';
  }
}

/** A store that refuses everything: the "ask every time" mode and a test double for it. */
export const unavailableSecrets: SecretStore = {
  state: () => 'unavailable',
  encrypt: () => Promise.reject(new SecretStoreUnavailableError()),
  decrypt: () => Promise.reject(new SecretStoreUnavailableError()),
};
