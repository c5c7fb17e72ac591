import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSubkey } from './derive-subkey.js';
import { createEnvelopeVault } from './envelope-vault.js';
import { describeVaultContract } from './vault.contract.js';

describeVaultContract('envelope (AES-256-GCM)', () => {
  const [key, otherKey] = [randomBytes(32), randomBytes(32)];
  return {
    vault: createEnvelopeVault(key),
    otherKeyVault: createEnvelopeVault(otherKey),
    rotatedVault: createEnvelopeVault(otherKey, [key]),
  };
});

describe('envelope vault format', () => {
  const key = randomBytes(32);

  it('is v1.<keyId>.<wrapped>.<iv>.<ct+tag> with a stable key id per master key', () => {
    const a = createEnvelopeVault(key).seal('s', 'aad').split('.');
    const b = createEnvelopeVault(Buffer.from(key)).seal('s', 'aad').split('.');
    expect(a).toHaveLength(5);
    expect(a[0]).toBe('v1');
    expect(a[1]).toBe(b[1]);
    expect(a[2]).not.toBe(b[2]); // a fresh data key per secret
    expect(Buffer.from(a[2]!, 'base64url')).toHaveLength(12 + 32 + 16);
    expect(Buffer.from(a[3]!, 'base64url')).toHaveLength(12);
    expect(createEnvelopeVault(randomBytes(32)).seal('s', 'aad').split('.')[1]).not.toBe(a[1]);
  });

  it('refuses a data key wrapped for another secret', () => {
    const vault = createEnvelopeVault(key);
    const a = vault.seal('first', 'aad').split('.');
    const b = vault.seal('second', 'aad').split('.');
    const swapped = [b[0], b[1], a[2], b[3], b[4]].join('.');
    expect(() => vault.open(swapped, 'aad')).toThrow(
      expect.objectContaining({ code: 'SW_VAULT_KEY_MISMATCH' }),
    );
  });

  it('rejects master keys that are not 32 bytes', () => {
    expect(() => createEnvelopeVault(randomBytes(16))).toThrow(RangeError);
  });
});

describe('deriveSubkey', () => {
  it('is deterministic per purpose, independent across purposes and keys', () => {
    const master = randomBytes(32);
    const jwt = deriveSubkey(master, 'jwt');
    expect(jwt).toHaveLength(32);
    expect(deriveSubkey(Buffer.from(master), 'jwt').equals(jwt)).toBe(true);
    expect(deriveSubkey(master, 'ledger-hmac').equals(jwt)).toBe(false);
    expect(deriveSubkey(randomBytes(32), 'jwt').equals(jwt)).toBe(false);
    expect(jwt.equals(master)).toBe(false);
    expect(deriveSubkey(master, 'jwt', 64)).toHaveLength(64);
    expect(() => deriveSubkey(master, '')).toThrow(RangeError);
  });
});
