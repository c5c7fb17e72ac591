import { importPKCS8, SignJWT } from 'jose';

/** The fields of a Google service-account key file that the JWT bearer grant needs. */
export interface ServiceAccount {
  readonly project_id: string;
  readonly client_email: string;
  readonly private_key: string;
  /** `https://oauth2.googleapis.com/token` for Google; the testbed's own endpoint in tests. */
  readonly token_uri: string;
}

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';

/**
 * An OAuth access token for FCM by the JWT bearer grant (RFC 7523): an RS256 assertion signed with
 * the service account's key (`iss` its email, `aud` the token endpoint, the messaging scope),
 * exchanged at `token_uri`, cached until a minute before it expires.
 */
export class FcmAccessToken {
  private cached: { token: string; expiresAtMs: number } | undefined;
  private key: ReturnType<typeof importPKCS8> | undefined;

  constructor(
    private readonly account: ServiceAccount,
    private readonly now: () => Date,
    private readonly fetchFn: typeof fetch,
  ) {}

  async current(): Promise<string> {
    const nowMs = this.now().getTime();
    if (this.cached !== undefined && nowMs < this.cached.expiresAtMs - 60_000) return this.cached.token;
    this.key ??= importPKCS8(this.account.private_key, 'RS256');
    const iat = Math.floor(nowMs / 1000);
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(this.account.client_email)
      .setAudience(this.account.token_uri)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(await this.key);
    const response = await this.fetchFn(this.account.token_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new FcmTokenError(response.status);
    }
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    this.cached = { token: body.access_token, expiresAtMs: nowMs + lifetime * 1000 };
    return body.access_token;
  }

  discard(): void {
    this.cached = undefined;
  }
}

export class FcmTokenError extends Error {
  constructor(readonly status: number) {
    super(`FCM token endpoint answered ${status}`);
  }
}
