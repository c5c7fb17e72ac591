import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretVault } from './port.js';
import { deriveSubkey } from './derive-subkey.js';
import { VaultKeyError } from './vault-errors.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; body: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, body };
}

function decrypt(key: Buffer, iv: Buffer, body: Buffer, aad: Buffer): Buffer {
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES)
    throw new VaultKeyError('Sealed secret is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES }).setAAD(aad);
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new VaultKeyError();
  }
}

const b64 = (buf: Buffer): string => buf.toString('base64url');
const unb64 = (text: string): Buffer => Buffer.from(text, 'base64url');

/**
 * AES-256-GCM envelope encryption: each secret gets a fresh 256-bit data key; the data key is
 * wrapped by a key-encryption key derived from the master key. Text format:
 * `v1.<keyId>.<wrapped key: iv+ct+tag>.<iv>.<ct+tag>` (base64url, which has no dots).
 *
 * The caller's AAD is bound to both layers, so a blob moved to another row fails to open.
 * `keyId` fingerprints the master key: a blob sealed under another key fails fast and clearly.
 */
export function createEnvelopeVault(masterKey: Buffer): SecretVault {
  if (masterKey.length !== 32) throw new RangeError('The master key must be 32 bytes');
  const kek = deriveSubkey(masterKey, 'vault-kek');
  const keyId = createHash('sha256')
    .update(deriveSubkey(masterKey, 'vault-key-id'))
    .digest('base64url')
    .slice(0, 11);
  const bind = (aad: string): Buffer => Buffer.from(`${VERSION}.${keyId}.${aad}`, 'utf8');

  return {
    seal(plaintext, aad) {
      const dataKey = randomBytes(32);
      try {
        const wrapped = encrypt(kek, dataKey, bind(aad));
        const sealed = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), bind(aad));
        return [
          VERSION,
          keyId,
          b64(Buffer.concat([wrapped.iv, wrapped.body])),
          b64(sealed.iv),
          b64(sealed.body),
        ].join('.');
      } finally {
        dataKey.fill(0);
      }
    },

    open(sealedText, aad) {
      const parts = sealedText.split('.');
      const [version, sealedKeyId, wrappedText, ivText, bodyText] = parts;
      if (parts.length !== 5 || version !== VERSION || wrappedText === undefined || ivText === undefined) {
        throw new VaultKeyError('Sealed secret is malformed or of an unknown version');
      }
      if (sealedKeyId !== keyId) {
        throw new VaultKeyError('This secret was sealed with another master key', { keyId: sealedKeyId });
      }
      const wrapped = unb64(wrappedText);
      const dataKey = decrypt(kek, wrapped.subarray(0, IV_BYTES), wrapped.subarray(IV_BYTES), bind(aad));
      try {
        return decrypt(dataKey, unb64(ivText), unb64(bodyText ?? ''), bind(aad)).toString('utf8');
      } finally {
        dataKey.fill(0);
      }
    },
  };
}
