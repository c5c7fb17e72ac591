import { randomBytes } from 'node:crypto';

/** Withings' token timings [O] access-and-refresh-tokens page. */
export const WITHINGS_TOKEN_TIMES = {
  accessSeconds: 10_800,
  oldRefreshGraceSeconds: 8 * 3600,
  refreshSeconds: 365 * 86_400,
} as const;

interface AccessGrant {
  readonly userid: number;
  readonly scope: string;
  readonly expiresAtMs: number;
  /** The refresh token this access token replaced; it dies when this one is first used. */
  readonly supersedes?: string;
}

interface RefreshGrant {
  readonly userid: number;
  readonly scope: string;
  readonly expiresAtMs: number;
  /** Set once a refresh replaced this token: it lives until then (8 h) or the successor's first use. */
  graceUntilMs?: number;
}

export interface IssuedTokens {
  readonly access_token: string;
  readonly refresh_token: string;
  readonly expires_in: number;
  readonly scope: string;
}

/**
 * Access and refresh tokens with Withings' rotation: each refresh issues a new pair; the old
 * refresh token stays usable for 8 h, or until the new access token is used, whichever is first.
 */
export class WithingsTokens {
  private readonly access = new Map<string, AccessGrant>();
  private readonly refresh = new Map<string, RefreshGrant>();
  /** Shortens the grace for tests; Withings' own value is 8 h. */
  graceSeconds: number = WITHINGS_TOKEN_TIMES.oldRefreshGraceSeconds;

  constructor(private readonly nowMs: () => number) {}

  issue(userid: number, scope: string, lifetimeCapMs?: number, supersedes?: string): IssuedTokens {
    const now = this.nowMs();
    const accessMs = Math.min(
      WITHINGS_TOKEN_TIMES.accessSeconds * 1000,
      lifetimeCapMs ?? Number.POSITIVE_INFINITY,
    );
    const accessToken = randomBytes(20).toString('hex');
    const refreshToken = randomBytes(20).toString('hex');
    this.access.set(accessToken, {
      userid,
      scope,
      expiresAtMs: now + accessMs,
      ...(supersedes === undefined ? {} : { supersedes }),
    });
    this.refresh.set(refreshToken, {
      userid,
      scope,
      expiresAtMs: now + WITHINGS_TOKEN_TIMES.refreshSeconds * 1000,
    });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: Math.floor(accessMs / 1000),
      scope,
    };
  }

  /** Rotates a refresh token; undefined when it is unknown, expired or past its grace. */
  rotate(refreshToken: string, lifetimeCapMs?: number): (IssuedTokens & { userid: number }) | undefined {
    const grant = this.refresh.get(refreshToken);
    const now = this.nowMs();
    if (grant === undefined || grant.expiresAtMs <= now || (grant.graceUntilMs ?? Infinity) <= now) {
      this.refresh.delete(refreshToken);
      return undefined;
    }
    const graceEnd = now + this.graceSeconds * 1000;
    grant.graceUntilMs = Math.min(grant.graceUntilMs ?? graceEnd, graceEnd);
    return { ...this.issue(grant.userid, grant.scope, lifetimeCapMs, refreshToken), userid: grant.userid };
  }

  /** The user and scope behind an access token, ending the replaced refresh token's grace. */
  use(accessToken: string): { userid: number; scope: string } | undefined {
    const grant = this.access.get(accessToken);
    if (grant === undefined || grant.expiresAtMs <= this.nowMs()) return undefined;
    if (grant.supersedes !== undefined) this.refresh.delete(grant.supersedes);
    return { userid: grant.userid, scope: grant.scope };
  }

  expireAccess(accessToken: string): void {
    this.access.delete(accessToken);
  }

  /** Everything a user holds dies (unlink in Health Mate). */
  dropUser(userid: number): void {
    for (const [token, grant] of this.access) if (grant.userid === userid) this.access.delete(token);
    for (const [token, grant] of this.refresh) if (grant.userid === userid) this.refresh.delete(token);
  }
}
