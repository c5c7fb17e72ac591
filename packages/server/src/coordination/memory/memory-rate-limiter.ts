import { epochMs, systemClock } from '@syncwell/core';
import { validateCalibration, validateTakeRequest } from '../take-request-validation.js';
import type { Calibration, RateLimiter, TakeRequest, TakeResult } from '../port.js';
import { promiseOf } from './promise-of.js';
import { type BucketState, calibratedState, currentState, waitMs } from './bucket-state.js';

/** Sweep expired buckets every this many writes, so keys nobody reads again do not pile up. */
const SWEEP_EVERY = 1_000;

/**
 * In-process token buckets. JavaScript runs one take to completion before the next, so the
 * check-then-charge below is atomic without a lock, like the Lua script on Redis.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly states = new Map<string, BucketState>();
  private writes = 0;

  constructor(private readonly clock: () => number = () => epochMs(systemClock)) {}

  take(request: TakeRequest): Promise<TakeResult> {
    return promiseOf(() => this.takeNow(request));
  }

  calibrate(key: string, calibration: Calibration): Promise<void> {
    return promiseOf(() => {
      this.calibrateNow(key, calibration);
    });
  }

  private takeNow(request: TakeRequest): TakeResult {
    const cost = validateTakeRequest(request);
    const now = request.now ?? this.clock();
    const next = request.buckets.map((spec) => currentState(spec, this.live(spec.key, now), now));
    let retryAfterMs = 0;
    for (const state of next) {
      if (state.tokens < cost) retryAfterMs = Math.max(retryAfterMs, waitMs(state, cost, now));
    }
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    for (const [i, spec] of request.buckets.entries()) {
      const state = next[i];
      if (state === undefined) continue;
      state.tokens -= cost;
      // Re-derive the expiry now that the bucket holds fewer tokens.
      this.write(spec.key, currentState(spec, state, now), now);
    }
    return { allowed: true };
  }

  private calibrateNow(key: string, calibration: Calibration): void {
    validateCalibration(calibration.remaining, calibration.resetAt);
    const now = calibration.now ?? this.clock();
    const stored = this.live(key, now);
    this.write(key, calibratedState(stored, calibration.remaining, calibration.resetAt, now), now);
  }

  clear(): void {
    this.states.clear();
  }

  private live(key: string, now: number): BucketState | undefined {
    const state = this.states.get(key);
    if (state && state.expiresAt <= now) {
      this.states.delete(key);
      return undefined;
    }
    return state;
  }

  /** Sweeps by the caller's `now`, not the clock, so injected test time never evicts live state. */
  private write(key: string, state: BucketState, now: number): void {
    this.states.set(key, state);
    if (++this.writes % SWEEP_EVERY !== 0) return;
    for (const [k, s] of this.states) if (s.expiresAt <= now) this.states.delete(k);
  }
}
