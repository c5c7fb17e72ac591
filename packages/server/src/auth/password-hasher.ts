import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes as self-describing strings: `scrypt$1$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>`.
 * The parameters travel with the hash, so the cost can rise later without invalidating old
 * hashes (`needsRehash` tells the login path when to upgrade one).
 */
export interface ScryptCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

/** 2^15 × 8 uses 32 MiB and ~50 ms here: OWASP's scrypt floor, cheap enough for a login path. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 15, r: 8, p: 1 };

const SCHEME = 'scrypt';
const VERSION = '1';
const SALT_BYTES = 16;
const KEY_BYTES = 32;

export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return [
    SCHEME,
    VERSION,
    cost.log2N,
    cost.r,
    cost.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** False for a wrong password and for a malformed or foreign hash string; never throws on input. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

export function needsRehash(stored: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): boolean {
  const parsed = parseHash(stored);
  return (
    parsed === null || parsed.cost.log2N < cost.log2N || parsed.cost.r < cost.r || parsed.cost.p < cost.p
  );
}

interface ParsedHash {
  readonly cost: ScryptCost;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 7 || parts[0] !== SCHEME || parts[1] !== VERSION) return null;
  const [log2N, r, p] = [parts[2], parts[3], parts[4]].map((part) => Number(part));
  // Bounds keep a tampered row from turning a login into a memory bomb.
  if (!isIntIn(log2N, 10, 20) || !isIntIn(r, 1, 32) || !isIntIn(p, 1, 16)) return null;
  const salt = Buffer.from(parts[5] ?? '', 'base64url');
  const key = Buffer.from(parts[6] ?? '', 'base64url');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { cost: { log2N, r, p }, salt, key };
}

function isIntIn(value: number | undefined, min: number, max: number): value is number {
  return value !== undefined && Number.isInteger(value) && value >= min && value <= max;
}

function derive(password: string, salt: Buffer, cost: ScryptCost, length = KEY_BYTES): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r * cost.p };
  return new Promise((resolvePromise, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, options, (error, key) => {
      if (error === null) resolvePromise(key);
      else reject(error);
    });
  });
}
