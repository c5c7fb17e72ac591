import type { Workout } from '@syncwell/core';
import { FaultController } from '../faults/fault-controller.js';
import type { SyntheticAthlete } from '../synthetic/synthetic-athlete.js';
import type { GarminRateLimiter } from './garmin-rate-limiter.js';

export type DeliveryMode = 'PUSH' | 'PING';

export interface GarminUser {
  /** Garmin's `userId`: what every PING/PUSH names, stable across tokens. */
  readonly userId: string;
  readonly name: string;
  readonly synthetic: SyntheticAthlete;
  /** Portal permissions the user granted; `HISTORICAL_DATA_EXPORT` is off by default. */
  permissions: Set<string>;
  registered: boolean;
}

/** One summary as Garmin holds it: the JSON it serves, and when it was uploaded. */
export interface StoredSummary {
  readonly type: string;
  readonly userId: string;
  /** Upload time (epoch s): what pull windows and PING URLs filter on. */
  readonly uploadS: number;
  /** Measurement start (epoch s): what backfill spans filter on. */
  readonly startS: number;
  readonly body: Readonly<Record<string, unknown>>;
  /** `activityFiles` only: the file id served at `/wellness-api/rest/activityFile?id=`. */
  readonly fileId?: string;
}

export interface GarminDelivery {
  readonly summaryType: string;
  readonly mode: DeliveryMode;
  readonly body: string;
  /** HTTP status of the receiver, or the network error text. */
  readonly outcome: number | string;
}

export interface GarminConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accessTokenLifetimeSeconds: number;
  readonly refreshTokenLifetimeSeconds: number;
  readonly requirePkce: boolean;
  readonly backfillWindowDays: number;
  readonly backfillDelayMs: number;
  readonly nowMs: () => number;
}

/** Everything the simulated Garmin cloud remembers; one partner app per simulator. */
export class GarminState {
  readonly users = new Map<string, GarminUser>();
  readonly summaries: StoredSummary[] = [];
  readonly files = new Map<string, Workout>();
  readonly accessTokens = new Map<
    string,
    { readonly userId: string; readonly expiresAtMs: number; readonly issuedAtMs: number }
  >();
  readonly refreshTokens = new Map<string, { readonly userId: string; readonly expiresAtMs: number }>();
  readonly codes = new Map<
    string,
    {
      readonly userId: string;
      readonly redirectUri: string;
      readonly challenge?: string;
      readonly expiresAtMs: number;
    }
  >();
  /** Per summary type (plus `deregistrations`, `userPermissionsChange`): where and how to deliver. */
  readonly endpoints = new Map<string, { readonly url: string; readonly mode: DeliveryMode }>();
  readonly backfillRequests = new Set<string>();
  readonly deliveries: GarminDelivery[] = [];
  readonly timers = new Set<NodeJS.Timeout>();
  readonly faults: FaultController;
  loggedIn: string;
  apiUrl = '';

  constructor(
    readonly config: GarminConfig,
    readonly limiter: GarminRateLimiter,
    firstUser: string,
  ) {
    this.loggedIn = firstUser;
    this.faults = new FaultController(config.nowMs);
  }

  /** The user, or a RangeError: callers pass ids they got from a live token or a test. */
  user(userId: string): GarminUser {
    const found = this.users.get(userId);
    if (found === undefined) throw new RangeError(`no Garmin user ${userId}`);
    return found;
  }

  nowS(): number {
    return Math.floor(this.config.nowMs() / 1000);
  }

  /** The registered user a live bearer token belongs to, honouring the fault plan's token cap. */
  userOfToken(token: string): string | undefined {
    const entry = this.accessTokens.get(token);
    if (entry === undefined || entry.expiresAtMs <= this.config.nowMs()) return undefined;
    const cap = this.faults.tokenLifetimeCapMs();
    if (cap !== undefined && this.config.nowMs() - entry.issuedAtMs >= cap) return undefined;
    return this.users.get(entry.userId)?.registered === true ? entry.userId : undefined;
  }

  /** Deregistration ends every token of the user, refresh tokens included. */
  dropTokensOf(userId: string): void {
    for (const [token, entry] of this.accessTokens)
      if (entry.userId === userId) this.accessTokens.delete(token);
    for (const [token, entry] of this.refreshTokens)
      if (entry.userId === userId) this.refreshTokens.delete(token);
  }
}
