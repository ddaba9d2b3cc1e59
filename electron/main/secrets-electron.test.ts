import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * safeStorage is mocked (no Electron binary here) with a reversible fake cipher; the synchronous,
 * deprecated functions throw so any use of them fails the test.
 */
const storage = {
  asyncAvailable: true as boolean | Error,
  backend: 'gnome_libsecret' as string,
};

vi.mock('electron', () => ({
  safeStorage: {
    isAsyncEncryptionAvailable: async () => {
      if (storage.asyncAvailable instanceof Error) throw storage.asyncAvailable;
      return storage.asyncAvailable;
    },
    getSelectedStorageBackend: () => storage.backend,
    encryptStringAsync: async (plain: string) => Buffer.from(`enc:${Buffer.from(plain).toString('hex')}`),
    decryptStringAsync: async (buffer: Buffer) => ({
      shouldReEncrypt: false,
      result: Buffer.from(buffer.toString().slice(4), 'hex').toString(),
    }),
    encryptString: () => {
      throw new Error('deprecated synchronous safeStorage API used');
    },
    decryptString: () => {
      throw new Error('deprecated synchronous safeStorage API used');
    },
    isEncryptionAvailable: () => {
      throw new Error('deprecated synchronous safeStorage API used');
    },
  },
}));

const { createElectronSecrets } = await import('./secrets-electron');

describe('SEC-09: the safeStorage secret store (async API)', () => {
  beforeEach(() => {
    storage.asyncAvailable = true;
    storage.backend = 'gnome_libsecret';
  });

  it('SEC-09: available on Linux with a real keyring; round-trips via the async API only', async () => {
    const store = await createElectronSecrets('linux');
    expect(store.state()).toBe('available');
    const cipher = await store.encrypt('pw');
    expect(await store.decrypt(cipher)).toBe('pw');
  });

  it.each(['basic_text', 'unknown'])('SEC-09: Linux backend %s is reported as basic_text (no real protection)', async (backend) => {
    storage.backend = backend;
    expect((await createElectronSecrets('linux')).state()).toBe('basic_text');
  });

  it('SEC-09: the Linux backend is ignored elsewhere', async () => {
    storage.backend = 'basic_text';
    expect((await createElectronSecrets('darwin')).state()).toBe('available');
    expect((await createElectronSecrets('win32')).state()).toBe('available');
  });

  it.each([false, new Error('no keychain')])('SEC-09: unavailable (%s) refuses to encrypt or decrypt', async (value) => {
    storage.asyncAvailable = value;
    const store = await createElectronSecrets('linux');
    expect(store.state()).toBe('unavailable');
    await expect(store.encrypt('pw')).rejects.toThrow(/unavailable/);
    await expect(store.decrypt('x')).rejects.toThrow(/unavailable/);
  });
});
