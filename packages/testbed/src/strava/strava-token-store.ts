import { randomBytes } from 'node:crypto';
import type { SimulatorClock } from './strava-clock.js';

export const STRAVA_SCOPES = [
  'read',
  'read_all',
  'profile:read_all',
  'profile:write',
  'activity:read',
  'activity:read_all',
  'activity:write',
] as const;
export type StravaScope = (typeof STRAVA_SCOPES)[number];

export function isStravaScope(value: string): value is StravaScope {
  return (STRAVA_SCOPES as readonly string[]).includes(value);
}

const ACCESS_TOKEN_LIFETIME_S = 21_600;
const SAME_TOKEN_THRESHOLD_S = 3_600;
const CODE_LIFETIME_MS = 10 * 60_000;

/** What the token endpoint answers, minus the athlete (added only on a code exchange). */
export interface StravaTokenResponse {
  token_type: 'Bearer';
  expires_at: number;
  expires_in: number;
  refresh_token: string;
  access_token: string;
}

interface AccessToken {
  readonly token: string;
  readonly issuedAtS: number;
  expiresAtS: number;
}

/** One athlete's authorization of this app: the scopes they accepted and the live tokens. */
interface Grant {
  readonly athleteId: number;
  scopes: readonly StravaScope[];
  refreshToken: string;
  readonly accessTokens: AccessToken[];
  revoked: boolean;
}

interface PendingCode {
  readonly athleteId: number;
  readonly scopes: readonly StravaScope[];
  readonly expiresAtMs: number;
}

export interface ResolvedToken {
  readonly athleteId: number;
  readonly scopes: readonly StravaScope[];
}

const token = (): string => randomBytes(20).toString('hex');

/**
 * Codes, access tokens and rotating refresh tokens for one application. The rules follow the
 * provider doc: 6 h tokens; a refresh returns the same access token while more than 1 h is
 * left, otherwise a new access token AND a new refresh token, after which the old refresh token
 * is dead at once while both access tokens stay valid until they expire.
 */
export class StravaTokenStore {
  readonly #codes = new Map<string, PendingCode>();
  readonly #grantsByAthlete = new Map<number, Grant>();
  readonly #grantsByRefresh = new Map<string, Grant>();
  readonly #grantsByAccess = new Map<string, { grant: Grant; access: AccessToken }>();

  /** `lifetimeCapMs`: the fault plan's `expireTokensAfterMs`, applied to old and new tokens alike. */
  constructor(
    private readonly clock: SimulatorClock,
    private readonly lifetimeCapMs: () => number | undefined = () => undefined,
  ) {}

  issueCode(athleteId: number, scopes: readonly StravaScope[]): string {
    const code = token();
    this.#codes.set(code, { athleteId, scopes, expiresAtMs: this.clock.nowMs() + CODE_LIFETIME_MS });
    return code;
  }

  /** Single use: the code is gone whether or not the exchange succeeds. */
  exchangeCode(code: string): (StravaTokenResponse & { athleteId: number }) | null {
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    if (pending === undefined || pending.expiresAtMs < this.clock.nowMs()) return null;
    const previous = this.#grantsByAthlete.get(pending.athleteId);
    if (previous !== undefined) this.#grantsByRefresh.delete(previous.refreshToken);
    const grant: Grant = previous ?? {
      athleteId: pending.athleteId,
      scopes: pending.scopes,
      refreshToken: '',
      accessTokens: [],
      revoked: false,
    };
    grant.scopes = pending.scopes;
    grant.revoked = false;
    this.#grantsByAthlete.set(grant.athleteId, grant);
    const access = this.#newAccessToken(grant);
    this.#rotateRefreshToken(grant);
    return { ...this.#response(grant, access), athleteId: grant.athleteId };
  }

  refresh(refreshToken: string): StravaTokenResponse | null {
    const grant = this.#grantsByRefresh.get(refreshToken);
    if (grant === undefined || grant.revoked) return null;
    const latest = grant.accessTokens.at(-1);
    if (latest !== undefined && this.#expiresAtS(latest) - this.clock.nowSeconds() > SAME_TOKEN_THRESHOLD_S) {
      return this.#response(grant, latest);
    }
    const access = this.#newAccessToken(grant);
    this.#rotateRefreshToken(grant);
    return this.#response(grant, access);
  }

  /** Null for unknown, expired or revoked tokens (all answered with the same 401). */
  resolveAccessToken(accessToken: string): ResolvedToken | null {
    const entry = this.#grantsByAccess.get(accessToken);
    if (entry === undefined || entry.grant.revoked) return null;
    if (this.#expiresAtS(entry.access) <= this.clock.nowSeconds()) return null;
    return { athleteId: entry.grant.athleteId, scopes: entry.grant.scopes };
  }

  /** Makes one access token expire now, so a test can watch its client refresh. */
  expireAccessToken(accessToken: string): boolean {
    const entry = this.#grantsByAccess.get(accessToken);
    if (entry === undefined) return false;
    entry.access.expiresAtS = Math.min(entry.access.expiresAtS, this.clock.nowSeconds());
    return true;
  }

  /** Revokes every token of the grant that `anyToken` (access or refresh) belongs to. */
  revoke(anyToken: string): number | null {
    const grant = this.#grantsByAccess.get(anyToken)?.grant ?? this.#grantsByRefresh.get(anyToken);
    if (grant === undefined || grant.revoked) return null;
    grant.revoked = true;
    // Forget the tokens themselves, so a later re-authorization cannot bring them back to life.
    for (const access of grant.accessTokens) this.#grantsByAccess.delete(access.token);
    grant.accessTokens.length = 0;
    this.#grantsByRefresh.delete(grant.refreshToken);
    return grant.athleteId;
  }

  /** Revokes the athlete's grant, as they would under Settings → My Apps → Revoke Access. */
  revokeAthlete(athleteId: number): boolean {
    const grant = this.#grantsByAthlete.get(athleteId);
    return grant !== undefined && this.revoke(grant.refreshToken) !== null;
  }

  isAuthorized(athleteId: number): boolean {
    const grant = this.#grantsByAthlete.get(athleteId);
    return grant !== undefined && !grant.revoked;
  }

  #newAccessToken(grant: Grant): AccessToken {
    const now = this.clock.nowSeconds();
    const access: AccessToken = { token: token(), issuedAtS: now, expiresAtS: now + ACCESS_TOKEN_LIFETIME_S };
    grant.accessTokens.push(access);
    this.#grantsByAccess.set(access.token, { grant, access });
    return access;
  }

  /** Strava's own expiry, or sooner when a fault plan shortens token lives. */
  #expiresAtS(access: AccessToken): number {
    const capMs = this.lifetimeCapMs();
    return capMs === undefined
      ? access.expiresAtS
      : Math.min(access.expiresAtS, access.issuedAtS + Math.floor(capMs / 1000));
  }

  #rotateRefreshToken(grant: Grant): void {
    this.#grantsByRefresh.delete(grant.refreshToken);
    grant.refreshToken = token();
    this.#grantsByRefresh.set(grant.refreshToken, grant);
  }

  #response(grant: Grant, access: AccessToken): StravaTokenResponse {
    return {
      token_type: 'Bearer',
      expires_at: this.#expiresAtS(access),
      expires_in: Math.max(0, this.#expiresAtS(access) - this.clock.nowSeconds()),
      refresh_token: grant.refreshToken,
      access_token: access.token,
    };
  }
}
