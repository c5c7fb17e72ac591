import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword, type ScryptCost } from './password-hasher.js';

const FAST: ScryptCost = { log2N: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery', FAST);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterz', hash)).toBe(false);
  });

  it('salts: the same password hashes differently and carries no plaintext', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same password', FAST),
      hashPassword('same password', FAST),
    ]);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
    expect(a).toMatch(/^scrypt\$1\$10\$8\$1\$[\w-]+\$[\w-]+$/);
  });

  it('uses a real cost by default', async () => {
    const hash = await hashPassword('default cost pw');
    expect(hash.split('$').slice(0, 5)).toEqual(['scrypt', '1', '15', '8', '1']);
    expect(await verifyPassword('default cost pw', hash)).toBe(true);
  });

  it('returns false for malformed, foreign or tampered hashes instead of throwing', async () => {
    const hash = await hashPassword('pw-123456789', FAST);
    const parts = hash.split('$');
    for (const bad of [
      '',
      'bcrypt$2b$10$abc',
      hash.replace('scrypt$1$', 'scrypt$9$'),
      [...parts.slice(0, 2), '30', ...parts.slice(3)].join('$'),
      [...parts.slice(0, 6), 'AAAA'].join('$'),
    ]) {
      expect(await verifyPassword('pw-123456789', bad)).toBe(false);
    }
  });

  it('flags hashes weaker than the current cost for rehashing', async () => {
    expect(needsRehash(await hashPassword('x-password', FAST))).toBe(true);
    expect(needsRehash(await hashPassword('x-password', FAST), FAST)).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });
});
