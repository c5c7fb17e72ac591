import { describe, expect, it } from 'vitest';
import type { TokenSet } from '@syncwell/core';
import type { SecretVault } from '../vault/port.js';
import { openTokenSet, sealTokenSet } from './connection-tokens.js';

/** Records what it was asked to seal, and binds blobs to their AAD like the real vault. */
function recordingVault(): SecretVault & { sealedPlaintexts: string[] } {
  const sealedPlaintexts: string[] = [];
  const blobs = new Map<string, { plaintext: string; aad: string }>();
  return {
    sealedPlaintexts,
    seal(plaintext, aad) {
      sealedPlaintexts.push(plaintext);
      const handle = `sealed-${blobs.size}`;
      blobs.set(handle, { plaintext, aad });
      return handle;
    },
    open(sealed, aad) {
      const blob = blobs.get(sealed);
      if (blob?.aad !== aad) throw new Error('cannot open');
      return blob.plaintext;
    },
    isCurrent: (sealed) => blobs.has(sealed),
  };
}

const tokens: TokenSet = {
  accessToken: 'at-1',
  refreshToken: 'rt-1',
  expiresAt: new Date('2030-05-01T12:00:00.000Z'),
  scopes: ['read', 'write'],
};

describe('connection token codec', () => {
  it('round-trips a token set through the vault, bound to the connection id', () => {
    const vault = recordingVault();
    const sealed = sealTokenSet(vault, 'conn-1', tokens);
    expect(sealed).not.toContain('at-1');
    expect(openTokenSet(vault, 'conn-1', sealed)).toEqual(tokens);
    expect(() => openTokenSet(vault, 'conn-2', sealed)).toThrow();
  });

  it('keeps null refresh tokens and non-expiring access tokens', () => {
    const vault = recordingVault();
    const polar: TokenSet = { accessToken: 'at', refreshToken: null, expiresAt: null, scopes: [] };
    expect(openTokenSet(vault, 'c', sealTokenSet(vault, 'c', polar))).toEqual(polar);
  });

  it('writes a versioned plaintext and refuses a blob of another shape', () => {
    const vault = recordingVault();
    sealTokenSet(vault, 'c', tokens);
    expect(JSON.parse(vault.sealedPlaintexts[0] ?? '')).toMatchObject({ v: 1 });
    const foreign = vault.seal(JSON.stringify({ token: 'x' }), 'c');
    expect(() => openTokenSet(vault, 'c', foreign)).toThrow();
  });
});
