import { createDecipheriv, hkdfSync, type ECDH } from 'node:crypto';

/**
 * Decrypts an `aes128gcm` Web Push message (RFC 8291 over RFC 8188) as a browser would, with the
 * subscription's own ECDH key and auth secret: header (salt, record size, the sender's public key),
 * then HKDF to the content key and nonce, then AES-128-GCM and the padding delimiter.
 */
export function decryptWebPush(body: Buffer, receiver: ECDH, authSecret: Buffer): string {
  if (body.length < 21) throw new WebPushDecryptError('body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  if (idLength !== 65) throw new WebPushDecryptError('key id is not an uncompressed P-256 point');
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize || ciphertext.length < 17) {
    throw new WebPushDecryptError('record size does not fit the ciphertext');
  }
  const receiverPublic = receiver.getPublicKey();
  const sharedSecret = receiver.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublic, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', sharedSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  let plain: Buffer;
  try {
    plain = Buffer.concat([
      decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
      decipher.final(),
    ]);
  } catch {
    throw new WebPushDecryptError('authentication tag mismatch');
  }
  // The last record ends with 0x02 and optional zero padding.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end -= 1;
  if (end < 0 || plain[end] !== 2) throw new WebPushDecryptError('missing last-record delimiter');
  return plain.subarray(0, end).toString('utf8');
}

export class WebPushDecryptError extends Error {}
