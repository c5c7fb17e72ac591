import { FaultController } from '../faults/fault-controller.js';
import type { SyntheticAthlete } from '../synthetic/synthetic-athlete.js';

/** Google Health data types the simulator stores, by their kebab-case API name. */
export const SIM_DATA_TYPES = ['exercise', 'sleep', 'steps', 'heart-rate', 'weight', 'body-fat'] as const;
export type SimDataType = (typeof SIM_DATA_TYPES)[number];

/** One stored data point: its API JSON plus the time its list is filtered and sorted on. */
export interface StoredPoint {
  readonly id: string;
  readonly keyTimeMs: number;
  readonly json: Record<string, unknown>;
}

export interface GoogleUser {
  /** `healthUserId`: what identity answers and notifications name. */
  readonly healthUserId: string;
  readonly name: string;
  readonly synthetic: SyntheticAthlete;
  readonly utcOffsetMinutes: number;
  readonly points: Record<SimDataType, StoredPoint[]>;
}

export interface Grant {
  readonly userId: string;
  readonly refreshToken: string;
  revoked: boolean;
}

export interface Subscriber {
  readonly name: string;
  readonly endpointUri: string;
  readonly secret: string;
}

export interface NotificationDelivery {
  readonly endpointUri: string;
  readonly body: string;
  /** Receiver status, or the network error text. */
  readonly outcome: number | string;
}

export interface GoogleSimConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly serviceAccountToken: string;
  readonly accessTokenLifetimeSeconds: number;
  readonly perUserPerMinute: number;
  /** Tighter page caps than Google's, so tests cross pages with a handful of points. */
  readonly pageSizeCaps: Partial<Record<SimDataType, number>>;
  readonly nowMs: () => number;
}

/**
 * Everything the simulated Google cloud remembers. One client (our app) and one Cloud project
 * per simulator. Refresh tokens are long-lived and never rotated; revoking one ends its grant.
 */
export class GoogleHealthState {
  readonly users = new Map<string, GoogleUser>();
  readonly codes = new Map<
    string,
    {
      readonly userId: string;
      readonly redirectUri: string;
      readonly expiresAtMs: number;
      readonly challenge: string | undefined;
      readonly scope: string;
      readonly offline: boolean;
    }
  >();
  readonly accessTokens = new Map<
    string,
    { readonly grant: Grant; readonly issuedAtMs: number; expiresAtMs: number }
  >();
  readonly grants = new Map<string, Grant>();
  readonly subscribers: Subscriber[] = [];
  readonly deliveries: NotificationDelivery[] = [];
  readonly faults: FaultController;
  loggedIn: string;

  constructor(
    readonly config: GoogleSimConfig,
    firstUser: string,
  ) {
    this.loggedIn = firstUser;
    this.faults = new FaultController(config.nowMs);
  }

  pageSizeCap(type: SimDataType): number {
    return this.config.pageSizeCaps[type] ?? Number.POSITIVE_INFINITY;
  }

  /** The user behind a live access token, or undefined (expired, revoked, unknown). */
  userOfToken(token: string): string | undefined {
    const entry = this.accessTokens.get(token);
    if (entry === undefined || entry.grant.revoked) return undefined;
    const now = this.config.nowMs();
    const cap = this.faults.tokenLifetimeCapMs();
    if (now >= entry.expiresAtMs || (cap !== undefined && now >= entry.issuedAtMs + cap)) return undefined;
    return entry.grant.userId;
  }
}
