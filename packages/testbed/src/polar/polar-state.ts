import { FaultController } from '../faults/fault-controller.js';
import type { SyntheticAthlete } from '../synthetic/synthetic-athlete.js';
import type { PolarRateLimiter } from './polar-rate-limiter.js';
import type { StoredExercise } from './polar-exercise-json.js';

export interface PolarAthlete {
  /** Polar user id (`x_user_id`, `polar-user-id`). */
  readonly id: number;
  readonly name: string;
  readonly synthetic: SyntheticAthlete;
  /** Polar refuses data until the user accepts the mandatory consents (403). */
  consentsAccepted: boolean;
}

export interface PolarWebhook {
  readonly id: string;
  events: string[];
  url: string;
  readonly secret: string;
  active: boolean;
}

export interface WebhookDelivery {
  readonly event: string;
  readonly entityId: string;
  readonly body: string;
  /** HTTP status of the receiver, or the network error text. */
  readonly outcome: number | string;
}

/** Static settings of one simulator instance. */
export interface PolarConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** `expires_in` of issued tokens; Polar tokens effectively never expire ([U] exact value). */
  readonly tokenLifetimeSeconds: number;
  readonly nowMs: () => number;
  /** The `signature_secret_key` the next created webhook gets; random (as at Polar) when unset. */
  readonly webhookSecret?: string;
}

/**
 * Everything the simulated Polar cloud remembers. Route modules read and change it; the
 * simulator handle exposes test controls over it. One client (our app) per simulator.
 */
export class PolarState {
  readonly athletes = new Map<number, PolarAthlete>();
  readonly exercises = new Map<string, StoredExercise>();
  readonly registrations = new Map<number, { readonly memberId: string; readonly registeredAt: string }>();
  readonly tokens = new Map<string, number>();
  /** When each access token was issued (simulator clock), for the `expireTokensAfterMs` fault. */
  readonly tokenIssuedAtMs = new Map<string, number>();
  readonly codes = new Map<
    string,
    { readonly athleteId: number; readonly redirectUri: string; readonly expiresAtMs: number }
  >();
  /** Exercises not yet committed in a transaction; what pull notifications announce. */
  readonly unseenExercises = new Set<string>();
  readonly deliveries: WebhookDelivery[] = [];
  webhook: PolarWebhook | undefined;
  loggedIn: number;
  readonly faults: FaultController;
  /** Set once the server listens; the origin every URL in a body points at. */
  apiUrl = '';

  constructor(
    readonly config: PolarConfig,
    readonly limiter: PolarRateLimiter,
    firstAthlete: number,
  ) {
    this.loggedIn = firstAthlete;
    this.faults = new FaultController(config.nowMs);
  }

  /** The athlete a live bearer token belongs to; a token past the fault plan's lifetime is dead. */
  athleteOfToken(token: string): number | undefined {
    const athleteId = this.tokens.get(token);
    const cap = this.faults.tokenLifetimeCapMs();
    const issuedAt = this.tokenIssuedAtMs.get(token);
    if (athleteId === undefined || cap === undefined || issuedAt === undefined) return athleteId;
    return this.config.nowMs() - issuedAt >= cap ? undefined : athleteId;
  }

  exercisesOf(athleteId: number): StoredExercise[] {
    return [...this.exercises.values()]
      .filter((e) => e.athleteId === athleteId)
      .sort((a, b) => Date.parse(a.workout.startTime) - Date.parse(b.workout.startTime));
  }
}
