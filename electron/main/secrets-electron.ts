import { safeStorage } from 'electron';
import { type SecretStore, type SecretStoreState, SecretStoreUnavailableError } from './secrets';

/**
 * SecretStore over Electron 45's async safeStorage API (the synchronous one is deprecated).
 * Must be created after `app` is ready: the async encryptor initialises lazily on first use and
 * `getSelectedStorageBackend()` reports 'unknown' before ready.
 *
 * On Linux the 'basic_text' backend encrypts with a hard-coded key, which protects nothing; we
 * still let it encrypt (so nothing is written as plain text) but report 'basic_text' so the
 * connections service and the UI default to "ask every time".
 */
export async function createElectronSecrets(platform: NodeJS.Platform = process.platform): Promise<SecretStore> {
  const state = await detectState(platform);
  return {
    state: () => state,
    async encrypt(plain) {
      if (state === 'unavailable') throw new SecretStoreUnavailableError();
      const buffer = await safeStorage.encryptStringAsync(plain);
      return buffer.toString('base64');
    },
    async decrypt(cipher) {
      if (state === 'unavailable') throw new SecretStoreUnavailableError();
      // `shouldReEncrypt` only signals a key rotation; the plain text is still correct, and
      // re-encrypting is the caller's business (it owns the stored copy).
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'));
      return result;
    },
  };
}

async function detectState(platform: NodeJS.Platform): Promise<SecretStoreState> {
  let available = false;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) return 'unavailable';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return 'basic_text';
  }
  return 'available';
}
