/**
 * One fault model for every simulator. A plan says how a simulated provider cloud misbehaves;
 * `simulator.faults.set(plan)` replaces the previous plan (and restarts its random stream and
 * counters), `clear()` returns to normal service. Each field is independent; when several apply
 * to one request, the order is: latency, injected `failNext`, 410, 429 storm, timeout, 5xx.
 *
 * @example
 *   polar.faults.set({ errorRate5xx: { rate: 0.3 }, seed: 7 });
 *   strava.faults.set({ rateLimitStorm: { count: 5 } });
 *   strava.faults.set({ expireTokensAfterMs: 60_000 }); // then strava.advanceClock(...)
 */
export interface FaultPlan {
  /** Seed of the plan's PRNG (5xx draws, latency ranges): same seed, same faults. Default 1. */
  readonly seed?: number;
  /** Which requests the request-level faults hit. Default `'api'`. */
  readonly scope?: FaultScope;
  /** Added before the simulator answers: fixed, or drawn uniformly from [min, max]. */
  readonly latencyMs?: number | { readonly min: number; readonly max: number };
  /** Probability (0–1) that a request answers a 5xx with the provider's error body. */
  readonly errorRate5xx?: number | { readonly rate: number; readonly status?: number };
  /**
   * Every request answers the provider's real 429 (body and rate-limit headers, usage at the
   * limit) for `durationMs` of simulator time or `count` requests, whichever ends first; with
   * neither, until the plan is cleared.
   */
  readonly rateLimitStorm?: { readonly count?: number; readonly durationMs?: number };
  /**
   * The server holds the request without answering until the client gives up (its socket
   * closes), at most `holdMs` (default 2 s, capped at 10 s so a suite cannot hang), after which
   * it answers 504. `count` limits how many requests are held; default: all.
   */
  readonly timeout?: { readonly count?: number; readonly holdMs?: number };
  /**
   * Access tokens live at most this long after they were issued, including tokens issued
   * before the plan was set; new tokens report the shortened `expires_in`.
   */
  readonly expireTokensAfterMs?: number;
  /** The token endpoint refuses every refresh with the provider's `invalid_grant`-style body. */
  readonly invalidGrant?: boolean;
  /**
   * A share (0–1] of list items, of downloaded files (FIT), or of both (default) is corrupted
   * so that it fails the provider's schema. The choice is by first-seen order, spread evenly
   * (share 0.5: the 2nd, 4th, ... item), and sticks to an item for the life of the plan.
   */
  readonly malformedPayload?: { readonly share: number; readonly target?: 'items' | 'files' | 'both' };
  /** Every request answers 410 Gone with a body like the legacy Fitbit Web API's turndown. */
  readonly gone410?: boolean;
}

/** `api`: the provider's data API; `token`: its OAuth token endpoint. */
export type FaultTarget = 'api' | 'token';
export type FaultScope = FaultTarget | 'both';

export const MAX_TIMEOUT_HOLD_MS = 10_000;
export const DEFAULT_TIMEOUT_HOLD_MS = 2_000;

/** Refuses nonsense early, so a typo in a test fails loudly instead of injecting nothing. */
export function validateFaultPlan(plan: FaultPlan): FaultPlan {
  const probability = (name: string, value: number, allowZero = true): void => {
    if (!Number.isFinite(value) || value > 1 || value < 0 || (!allowZero && value === 0))
      throw new RangeError(`${name} must be a probability in ${allowZero ? '[0, 1]' : '(0, 1]'}`);
  };
  const nonNegative = (name: string, value: number | undefined): void => {
    if (value !== undefined && (!Number.isFinite(value) || value < 0))
      throw new RangeError(`${name} must be a finite number ≥ 0`);
  };
  const { latencyMs, errorRate5xx, rateLimitStorm, timeout, malformedPayload } = plan;
  if (typeof latencyMs === 'number') nonNegative('latencyMs', latencyMs);
  else if (latencyMs !== undefined) {
    nonNegative('latencyMs.min', latencyMs.min);
    nonNegative('latencyMs.max', latencyMs.max);
    if (latencyMs.max < latencyMs.min) throw new RangeError('latencyMs.max must be ≥ latencyMs.min');
  }
  if (typeof errorRate5xx === 'number') probability('errorRate5xx', errorRate5xx);
  else if (errorRate5xx !== undefined) {
    probability('errorRate5xx.rate', errorRate5xx.rate);
    const status = errorRate5xx.status;
    if (status !== undefined && (!Number.isInteger(status) || status < 500 || status > 599))
      throw new RangeError('errorRate5xx.status must be a 5xx status');
  }
  nonNegative('rateLimitStorm.count', rateLimitStorm?.count);
  nonNegative('rateLimitStorm.durationMs', rateLimitStorm?.durationMs);
  nonNegative('timeout.count', timeout?.count);
  nonNegative('timeout.holdMs', timeout?.holdMs);
  nonNegative('expireTokensAfterMs', plan.expireTokensAfterMs);
  if (malformedPayload !== undefined) probability('malformedPayload.share', malformedPayload.share, false);
  return plan;
}
