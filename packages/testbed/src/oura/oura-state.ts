import { FaultController } from '../faults/fault-controller.js';
import type { SyntheticAthlete } from '../synthetic/synthetic-athlete.js';
import type { OuraRateLimiter } from './oura-rate-limiter.js';

/** The collections the simulator serves, by Oura's path name. */
export const OURA_COLLECTIONS = ['workout', 'daily_activity', 'sleep', 'daily_spo2', 'heartrate'] as const;
export type OuraCollection = (typeof OURA_COLLECTIONS)[number];

/** One stored Oura document as Oura serialises it; `heartrate` items have no `id`. */
export type OuraDocument = Record<string, unknown> & { readonly day?: string; readonly timestamp?: string };

export interface OuraUser {
  /** `personal_info.id` and the webhook `user_id`. */
  readonly id: string;
  readonly synthetic: SyntheticAthlete;
  readonly utcOffsetMinutes: number;
  readonly docs: Record<OuraCollection, OuraDocument[]>;
  /** Oura answers 403 when the membership has lapsed. */
  membershipExpired: boolean;
}

export interface OuraAccessToken {
  readonly userId: string;
  readonly scopes: readonly string[];
  readonly issuedAtMs: number;
  readonly expiresAtMs: number;
}

export interface OuraSubscription {
  readonly id: string;
  callbackUrl: string;
  verificationToken: string;
  eventType: string;
  dataType: string;
  expirationMs: number;
}

export interface OuraWebhookDelivery {
  readonly body: string;
  /** HTTP status of the receiver, or the network error text. */
  readonly outcome: number | string;
}

export interface OuraConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenLifetimeSeconds: number;
  readonly subscriptionLifetimeMs: number;
  readonly pageSize: (collection: OuraCollection) => number;
  /** Unapproved apps may connect this many distinct users (10 per the docs). */
  readonly userCap: number;
  readonly nowMs: () => number;
}

/** Everything the simulated Oura cloud remembers; one client app per simulator. */
export class OuraState {
  readonly users = new Map<string, OuraUser>();
  readonly accessTokens = new Map<string, OuraAccessToken>();
  /** Refresh token → user and scopes; deleted on use, since Oura's are single-use. */
  readonly refreshTokens = new Map<string, { readonly userId: string; readonly scopes: readonly string[] }>();
  readonly codes = new Map<
    string,
    {
      readonly userId: string;
      readonly redirectUri: string;
      readonly scopes: readonly string[];
      readonly expiresAtMs: number;
    }
  >();
  /** Distinct users who ever granted our app access, for the 10-user cap. */
  readonly connectedUsers = new Set<string>();
  readonly subscriptions = new Map<string, OuraSubscription>();
  readonly deliveries: OuraWebhookDelivery[] = [];
  readonly faults: FaultController;
  loggedIn: string;

  constructor(
    readonly config: OuraConfig,
    readonly limiter: OuraRateLimiter,
    firstUser: string,
  ) {
    this.loggedIn = firstUser;
    this.faults = new FaultController(config.nowMs);
  }

  /** A live access token's record; expired, revoked or fault-capped tokens are undefined. */
  tokenRecord(token: string): OuraAccessToken | undefined {
    const record = this.accessTokens.get(token);
    if (record === undefined) return undefined;
    const now = this.config.nowMs();
    const cap = this.faults.tokenLifetimeCapMs();
    if (now >= record.expiresAtMs || (cap !== undefined && now - record.issuedAtMs >= cap)) return undefined;
    return record;
  }
}
