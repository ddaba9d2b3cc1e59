import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretStore, SecretStoreState } from './secrets';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Real AES-256-GCM encryption with a random key that lives only in this process: used by unit
 * tests and the e2e fixture in place of safeStorage, so a canary password written through it is
 * genuinely unreadable on disk. Ciphertexts do not survive a restart (by design: no key file).
 * `reportedState` lets tests exercise the 'basic_text' path with real encryption.
 */
export function createNodeSecrets(options: { key?: Buffer; reportedState?: SecretStoreState } = {}): SecretStore {
  const key = options.key ?? randomBytes(32);
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  const reported = options.reportedState ?? 'available';
  if (reported === 'unavailable') throw new Error('use unavailableSecrets for an unavailable store');

  return {
    state: () => reported,
    async encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(encoded) {
      const raw = Buffer.from(encoded, 'base64');
      if (raw.length < 1 + IV_BYTES + TAG_BYTES || raw[0] !== VERSION) {
        throw new Error('Not a ciphertext of this secret store');
      }
      const iv = raw.subarray(1, 1 + IV_BYTES);
      const tag = raw.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      // GCM authentication makes a tampered or foreign ciphertext throw here instead of
      // returning garbage.
      const body = raw.subarray(1 + IV_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
  };
}
