import { createHash, randomBytes } from 'node:crypto';

/**
 * Random values for refresh tokens, OAuth state and PKCE. 32 bytes (256 bits) in base64url
 * make 43 characters, which is also within PKCE's 43..128 verifier length.
 */
function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export interface RefreshToken {
  /** Handed to the client once; never stored. */
  readonly token: string;
  /** What the store keeps. */
  readonly tokenHash: string;
}

export function createRefreshToken(): RefreshToken {
  const token = randomToken();
  return { token, tokenHash: hashRefreshToken(token) };
}

/** A plain SHA-256 suffices: the token has 256 bits of entropy, unlike a password. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** The OAuth `state`: unguessable, single use (the store consumes it). */
export function createOAuthStateValue(): string {
  return randomToken();
}

export interface PkcePair {
  readonly verifier: string;
  readonly challenge: string;
}

/** RFC 7636 S256: challenge = BASE64URL(SHA256(ASCII(verifier))). */
export function createPkcePair(): PkcePair {
  const verifier = randomToken();
  return { verifier, challenge: pkceS256Challenge(verifier) };
}

export function pkceS256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * A phone's device credential (`/v1/device/devices`): the same 256-bit random value and plain
 * SHA-256 at rest as a refresh token; the phone keeps it in its keychain / keystore.
 */
export const createDeviceCredential: () => RefreshToken = createRefreshToken;
export const hashDeviceCredential: (credential: string) => string = hashRefreshToken;
