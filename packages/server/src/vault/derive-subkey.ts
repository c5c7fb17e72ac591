import { hkdfSync } from 'node:crypto';

/**
 * One master secret, many independent keys: HKDF-SHA256 with the purpose as `info`, so the
 * JWT secret, the ledger HMAC key and the vault's key-wrapping key never equal each other or
 * the master key, and knowing one reveals nothing about the others.
 *
 * @example const jwtSecret = deriveSubkey(masterKey, 'jwt');
 */
export function deriveSubkey(masterKey: Buffer, purpose: string, bytes = 32): Buffer {
  if (purpose === '') throw new RangeError('deriveSubkey needs a purpose');
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `syncwell/${purpose}`, bytes));
}
