import { importPKCS8, SignJWT } from 'jose';

export interface ApnsKey {
  readonly teamId: string;
  readonly keyId: string;
  /** The `.p8` key Apple issued (PKCS#8 PEM, P-256). */
  readonly privateKeyPem: string;
}

/** Apple refuses tokens older than an hour and throttles fresher-than-20-minutes refreshes. */
const TOKEN_LIFETIME_MS = 50 * 60_000;

/**
 * The APNs provider token: an ES256 JWT with `kid` (key id) in its header and `iss` (team id) and
 * `iat` in its claims, reused for 50 minutes and renewed when APNs says it expired.
 */
export class ApnsProviderToken {
  private cached: { token: string; issuedAtMs: number } | undefined;
  private key: ReturnType<typeof importPKCS8> | undefined;

  constructor(
    private readonly apnsKey: ApnsKey,
    private readonly now: () => Date,
  ) {}

  async current(): Promise<string> {
    const nowMs = this.now().getTime();
    if (this.cached !== undefined && nowMs - this.cached.issuedAtMs < TOKEN_LIFETIME_MS)
      return this.cached.token;
    this.key ??= importPKCS8(this.apnsKey.privateKeyPem, 'ES256');
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: this.apnsKey.keyId })
      .setIssuer(this.apnsKey.teamId)
      .setIssuedAt(Math.floor(nowMs / 1000))
      .sign(await this.key);
    this.cached = { token, issuedAtMs: nowMs };
    return token;
  }

  /** APNs answered ExpiredProviderToken / InvalidProviderToken: make a new one next time. */
  discard(): void {
    this.cached = undefined;
  }
}
