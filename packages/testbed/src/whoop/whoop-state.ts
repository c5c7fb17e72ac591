import { FaultController } from '../faults/fault-controller.js';
import type { SyntheticAthlete } from '../synthetic/synthetic-athlete.js';
import type { WhoopRateLimiter } from './whoop-rate-limiter.js';

export type WhoopKind = 'workout' | 'sleep' | 'cycle' | 'recovery';

/** One stored record as WHOOP serves it (v2 JSON), with what routing and paging need. */
export interface WhoopRecord {
  readonly kind: WhoopKind;
  /** UUID for workouts and sleep, number for cycles; recoveries are keyed by `cycle_id`. */
  readonly key: string;
  readonly userId: number;
  /** Paging and `start`/`end` filters run on this (recoveries: their cycle's start). */
  readonly startMs: number;
  json: Record<string, unknown>;
}

export interface WhoopUser {
  readonly id: number;
  readonly synthetic: SyntheticAthlete;
  readonly email: string;
}

export interface WhoopGrant {
  readonly userId: number;
  readonly scopes: readonly string[];
}

export interface WebhookDeliveryLog {
  readonly type: string;
  readonly body: string;
  /** Receiver status per attempt, or the network error text. */
  readonly outcomes: (number | string)[];
}

export interface WhoopConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Whether a refresh kills the refresh token it used (WHOOP does not say; default true). */
  readonly rotateRefreshTokens: boolean;
  readonly accessTokenLifetimeSeconds: number;
  /** Extra delivery attempts after a non-2xx webhook answer; WHOOP's policy is unknown. */
  readonly webhookRetries: number;
  readonly nowMs: () => number;
}

/** Everything the simulated WHOOP cloud remembers; one client app (ours) per simulator. */
export class WhoopState {
  readonly users = new Map<number, WhoopUser>();
  readonly records = new Map<string, WhoopRecord>();
  readonly codes = new Map<string, WhoopGrant & { redirectUri: string; expiresAtMs: number }>();
  readonly accessTokens = new Map<string, WhoopGrant & { expiresAtMs: number; issuedAtMs: number }>();
  readonly refreshTokens = new Map<string, WhoopGrant>();
  readonly deliveries: WebhookDeliveryLog[] = [];
  /** Set in the Developer Dashboard (a simulator control); there is no API for it. */
  webhookUrl: string | undefined;
  loggedIn: number;
  readonly faults: FaultController;

  constructor(
    readonly config: WhoopConfig,
    readonly limiter: WhoopRateLimiter,
    firstUser: number,
  ) {
    this.loggedIn = firstUser;
    this.faults = new FaultController(config.nowMs);
  }

  static recordId(kind: WhoopKind, key: string): string {
    return `${kind}:${key}`;
  }

  put(record: WhoopRecord): void {
    this.records.set(WhoopState.recordId(record.kind, record.key), record);
  }

  get(kind: WhoopKind, key: string): WhoopRecord | undefined {
    return this.records.get(WhoopState.recordId(kind, key));
  }

  /** A live access token's grant; expired (by lifetime or the fault plan's cap) tokens are dead. */
  grantOf(token: string): WhoopGrant | undefined {
    const grant = this.accessTokens.get(token);
    if (grant === undefined) return undefined;
    const now = this.config.nowMs();
    const cap = this.faults.tokenLifetimeCapMs();
    if (now >= grant.expiresAtMs || (cap !== undefined && now - grant.issuedAtMs >= cap)) return undefined;
    return grant;
  }

  /** `DELETE /v2/user/access`: every token of the user for our app dies. */
  revokeUser(userId: number): void {
    for (const [token, grant] of this.accessTokens)
      if (grant.userId === userId) this.accessTokens.delete(token);
    for (const [token, grant] of this.refreshTokens)
      if (grant.userId === userId) this.refreshTokens.delete(token);
  }
}
