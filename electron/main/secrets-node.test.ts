import { describe, expect, it } from 'vitest';
import { SecretStoreUnavailableError, unavailableSecrets } from './secrets';
import { createNodeSecrets } from './secrets-node';

const CANARY = 'canary-Pa55word-7f3c1e';

describe('SEC-08: the Node secret store really encrypts', () => {
  it('SEC-08: round-trips, never contains the plain text, and uses a fresh IV each time', async () => {
    const store = createNodeSecrets();
    expect(store.state()).toBe('available');
    const a = await store.encrypt(CANARY);
    const b = await store.encrypt(CANARY);
    expect(a).not.toBe(b);
    for (const cipher of [a, b]) {
      expect(cipher).not.toContain(CANARY);
      expect(Buffer.from(cipher, 'base64').toString('latin1')).not.toContain(CANARY);
      expect(await store.decrypt(cipher)).toBe(CANARY);
    }
    expect(await store.decrypt(await store.encrypt(''))).toBe('');
    expect(await store.decrypt(await store.encrypt('ünïcødé 🐘 \u0000'))).toBe('ünïcødé 🐘 \u0000');
  });

  it('SEC-08: tampered, truncated or foreign ciphertexts are rejected, not mis-decrypted', async () => {
    const store = createNodeSecrets();
    const other = createNodeSecrets();
    const cipher = await store.encrypt(CANARY);
    const raw = Buffer.from(cipher, 'base64');
    const flipped = Buffer.from(raw);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    await expect(store.decrypt(flipped.toString('base64'))).rejects.toThrow();
    await expect(store.decrypt(raw.subarray(0, 10).toString('base64'))).rejects.toThrow();
    await expect(store.decrypt('')).rejects.toThrow();
    await expect(other.decrypt(cipher)).rejects.toThrow();
  });

  it('SEC-09: basic_text can be simulated with real encryption; unavailable refuses everything', async () => {
    const basic = createNodeSecrets({ reportedState: 'basic_text' });
    expect(basic.state()).toBe('basic_text');
    expect(await basic.decrypt(await basic.encrypt(CANARY))).toBe(CANARY);
    expect(unavailableSecrets.state()).toBe('unavailable');
    await expect(unavailableSecrets.encrypt(CANARY)).rejects.toBeInstanceOf(SecretStoreUnavailableError);
    await expect(unavailableSecrets.decrypt('x')).rejects.toBeInstanceOf(SecretStoreUnavailableError);
    const err = await unavailableSecrets.encrypt(CANARY).catch((e: Error) => e);
    expect(String((err as Error).message)).not.toContain(CANARY);
  });
});
