import { importJWK, SignJWT } from 'jose';

export interface VapidKeys {
  /** `mailto:` or `https:` contact the push service may use (RFC 8292). */
  readonly subject: string;
  /** Uncompressed P-256 point, base64url (what `web-push generate-vapid-keys` prints). */
  readonly publicKey: string;
  /** The private scalar, base64url. */
  readonly privateKey: string;
}

/** The push service refuses VAPID tokens valid for more than 24 hours; 12 is the usual choice. */
const LIFETIME_S = 12 * 3600;

/**
 * The VAPID `Authorization` header (RFC 8292) for one push service origin: an ES256 JWT with
 * `aud` (the origin), `exp` and `sub`, plus `k` (the public key). Signed here with the injected
 * clock rather than by web-push, whose expiry always follows the wall clock.
 */
export async function vapidAuthorization(keys: VapidKeys, endpoint: string, now: Date): Promise<string> {
  const point = Buffer.from(keys.publicKey, 'base64url');
  const key = await importJWK(
    {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
      d: keys.privateKey,
    },
    'ES256',
  );
  const token = await new SignJWT({})
    .setProtectedHeader({ typ: 'JWT', alg: 'ES256' })
    .setAudience(new URL(endpoint).origin)
    .setExpirationTime(Math.floor(now.getTime() / 1000) + LIFETIME_S)
    .setSubject(keys.subject)
    .sign(key);
  return `vapid t=${token}, k=${keys.publicKey}`;
}

/** True when the pair is a usable P-256 VAPID key (checked at boot). */
export async function vapidKeysUsable(keys: VapidKeys): Promise<boolean> {
  try {
    await vapidAuthorization(keys, 'https://push.example', new Date(0));
    return Buffer.from(keys.publicKey, 'base64url').length === 65;
  } catch {
    return false;
  }
}
