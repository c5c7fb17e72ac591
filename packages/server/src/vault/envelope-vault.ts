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

interface VaultKey {
  readonly kek: Buffer;
  readonly keyId: string;
}

function vaultKey(masterKey: Buffer): VaultKey {
  if (masterKey.length !== 32) throw new RangeError('The master key must be 32 bytes');
  return {
    kek: deriveSubkey(masterKey, 'vault-kek'),
    keyId: createHash('sha256')
      .update(deriveSubkey(masterKey, 'vault-key-id'))
      .digest('base64url')
      .slice(0, 11),
  };
}

/** The id a master key's sealed strings carry (a fingerprint, not the key). */
export function masterKeyId(masterKey: Buffer): string {
  return vaultKey(masterKey).keyId;
}

/** The key id a sealed string names, or undefined when it is not one of ours. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
}

/**
 * AES-256-GCM envelope encryption: each secret gets a fresh 256-bit data key; the data key is
 * wrapped by a key-encryption key derived from the master key. Text format:
 * `v1.<keyId>.<wrapped key: iv+ct+tag>.<iv>.<ct+tag>` (base64url, which has no dots).
 *
 * The caller's AAD is bound to both layers, so a blob moved to another row fails to open.
 * `keyId` fingerprints the master key: a blob sealed under another key fails fast and clearly.
 * `previousKeys` open what was sealed before a rotation (never used to seal), until
 * `syncwell rotate-key` has re-sealed everything under `masterKey`.
 */
export function createEnvelopeVault(masterKey: Buffer, previousKeys: readonly Buffer[] = []): SecretVault {
  const current = vaultKey(masterKey);
  const readable = new Map<string, VaultKey>(
    [current, ...previousKeys.map(vaultKey)].map((k) => [k.keyId, k]),
  );
  readable.set(current.keyId, current);
  const bind = (keyId: string, aad: string): Buffer => Buffer.from(`${VERSION}.${keyId}.${aad}`, 'utf8');

  return {
    seal(plaintext, aad) {
      const dataKey = randomBytes(32);
      try {
        const wrapped = encrypt(current.kek, dataKey, bind(current.keyId, aad));
        const sealed = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), bind(current.keyId, aad));
        return [
          VERSION,
          current.keyId,
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
      const [version, sealedKeyIdText, wrappedText, ivText, bodyText] = parts;
      if (parts.length !== 5 || version !== VERSION || wrappedText === undefined || ivText === undefined) {
        throw new VaultKeyError('Sealed secret is malformed or of an unknown version');
      }
      const key = sealedKeyIdText === undefined ? undefined : readable.get(sealedKeyIdText);
      if (key === undefined) {
        throw new VaultKeyError('This secret was sealed with another master key', { keyId: sealedKeyIdText });
      }
      const wrapped = unb64(wrappedText);
      const dataKey = decrypt(
        key.kek,
        wrapped.subarray(0, IV_BYTES),
        wrapped.subarray(IV_BYTES),
        bind(key.keyId, aad),
      );
      try {
        return decrypt(dataKey, unb64(ivText), unb64(bodyText ?? ''), bind(key.keyId, aad)).toString('utf8');
      } finally {
        dataKey.fill(0);
      }
    },

    isCurrent(sealedText) {
      return sealedKeyId(sealedText) === current.keyId;
    },
  };
}
