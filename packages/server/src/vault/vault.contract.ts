import { describe, expect, it } from 'vitest';
import type { SecretVault } from './port.js';

/**
 * Every SecretVault adapter runs this. `makeVaults` returns two vaults under different keys, and
 * `rotatedVault`: sealing under `otherKeyVault`'s key while still reading `vault`'s (a rotation).
 * @example describeVaultContract('envelope', () => ({ vault: a, otherKeyVault: b, rotatedVault: ab }));
 */
export function describeVaultContract(
  name: string,
  makeVaults: () => { vault: SecretVault; otherKeyVault: SecretVault; rotatedVault: SecretVault },
): void {
  describe(`SecretVault contract: ${name}`, () => {
    const secret = JSON.stringify({ accessToken: 'at-très-secret-🔑', refreshToken: 'rt-9f8e7d' });

    it('opens what it sealed, including empty and non-ASCII text', () => {
      const { vault } = makeVaults();
      for (const plaintext of [secret, '', 'x'.repeat(10_000)]) {
        expect(vault.open(vault.seal(plaintext, 'conn-1'), 'conn-1')).toBe(plaintext);
      }
    });

    it('seals to printable text that hides the plaintext and differs every time', () => {
      const { vault } = makeVaults();
      const a = vault.seal(secret, 'conn-1');
      const b = vault.seal(secret, 'conn-1');
      expect(a).not.toBe(b);
      expect(a).toMatch(/^[\x21-\x7e]+$/);
      expect(a).not.toContain('rt-9f8e7d');
      expect(Buffer.from(a).toString('latin1')).not.toContain('at-tr');
    });

    it('refuses another AAD: a blob cannot move to another row', () => {
      const { vault } = makeVaults();
      const sealed = vault.seal(secret, 'conn-1');
      expect(() => vault.open(sealed, 'conn-2')).toThrow(
        expect.objectContaining({ code: 'SW_VAULT_KEY_MISMATCH' }),
      );
    });

    it('refuses another master key with SW_VAULT_KEY_MISMATCH', () => {
      const { vault, otherKeyVault } = makeVaults();
      const sealed = vault.seal(secret, 'conn-1');
      expect(() => otherKeyVault.open(sealed, 'conn-1')).toThrow(
        expect.objectContaining({ code: 'SW_VAULT_KEY_MISMATCH' }),
      );
    });

    it('refuses any altered character, and garbage', () => {
      const { vault } = makeVaults();
      const sealed = vault.seal(secret, 'conn-1');
      for (let i = 0; i < sealed.length; i += 7) {
        const c = sealed[i] === 'A' ? 'B' : 'A';
        const altered = sealed.slice(0, i) + c + sealed.slice(i + 1);
        if (altered === sealed) continue;
        let opened: string | undefined;
        try {
          opened = vault.open(altered, 'conn-1');
        } catch (error) {
          expect(error).toMatchObject({ code: 'SW_VAULT_KEY_MISMATCH' });
        }
        // base64url's last character may carry unused bits; opening must then still give the original.
        if (opened !== undefined) expect(opened).toBe(secret);
      }
      for (const junk of ['', 'plain', 'v1.a.b.c.d', 'v9.x.y.z.w', sealed + '.extra']) {
        expect(() => vault.open(junk, 'conn-1')).toThrow(
          expect.objectContaining({ code: 'SW_VAULT_KEY_MISMATCH' }),
        );
      }
    });

    it('during a rotation reads the previous key, seals under the new one, and says which is which', () => {
      const { vault, otherKeyVault, rotatedVault } = makeVaults();
      const old = vault.seal(secret, 'conn-1');
      expect(vault.isCurrent(old)).toBe(true);
      expect(rotatedVault.isCurrent(old)).toBe(false);
      expect(rotatedVault.open(old, 'conn-1')).toBe(secret);
      const resealed = rotatedVault.seal(rotatedVault.open(old, 'conn-1'), 'conn-1');
      expect(rotatedVault.isCurrent(resealed)).toBe(true);
      // Once rotated, the new key alone opens it; the old key alone does not.
      expect(otherKeyVault.open(resealed, 'conn-1')).toBe(secret);
      expect(() => vault.open(resealed, 'conn-1')).toThrow(
        expect.objectContaining({ code: 'SW_VAULT_KEY_MISMATCH' }),
      );
      expect(() => rotatedVault.open(old, 'conn-2')).toThrow(
        expect.objectContaining({ code: 'SW_VAULT_KEY_MISMATCH' }),
      );
      expect(rotatedVault.isCurrent('not sealed')).toBe(false);
    });
  });
}
