import type { SimulatorClock } from './strava-clock.js';

/** Limits per window; Strava's defaults are 200/2,000 overall and 100/1,000 "non-upload". */
export interface StravaRateLimits {
  readonly overall: { readonly fifteenMinute: number; readonly daily: number };
  readonly read: { readonly fifteenMinute: number; readonly daily: number };
}

export const DEFAULT_STRAVA_RATE_LIMITS: StravaRateLimits = {
  overall: { fifteenMinute: 200, daily: 2000 },
  read: { fifteenMinute: 100, daily: 1000 },
};

export type StravaRequestBucket = 'read' | 'upload';

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

const FIFTEEN_MINUTES_MS = 15 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

class AlignedCounter {
  #window = -1;
  #count = 0;

  constructor(private readonly windowMs: number) {}

  current(nowMs: number): number {
    return Math.floor(nowMs / this.windowMs) === this.#window ? this.#count : 0;
  }

  increment(nowMs: number): void {
    // Epoch multiples of 15 min fall on :00/:15/:30/:45 UTC and of 24 h on UTC midnight, as Strava's do.
    const window = Math.floor(nowMs / this.windowMs);
    if (window !== this.#window) {
      this.#window = window;
      this.#count = 0;
    }
    this.#count += 1;
  }
}

/**
 * One application's usage. Every counted request increments all its windows before the check,
 * so a refused request still counts toward the daily window, as Strava documents.
 */
export class StravaRateLimiter {
  readonly #overall15 = new AlignedCounter(FIFTEEN_MINUTES_MS);
  readonly #overallDay = new AlignedCounter(DAY_MS);
  readonly #read15 = new AlignedCounter(FIFTEEN_MINUTES_MS);
  readonly #readDay = new AlignedCounter(DAY_MS);

  constructor(
    private readonly clock: SimulatorClock,
    readonly limits: StravaRateLimits = DEFAULT_STRAVA_RATE_LIMITS,
  ) {}

  /** Counts one request in its buckets and says whether it may proceed. */
  consume(bucket: StravaRequestBucket): RateLimitDecision {
    const now = this.clock.nowMs();
    this.#overall15.increment(now);
    this.#overallDay.increment(now);
    if (bucket === 'read') {
      this.#read15.increment(now);
      this.#readDay.increment(now);
    }
    const usage = this.usage();
    const overallOk =
      usage.overall.fifteenMinute <= this.limits.overall.fifteenMinute &&
      usage.overall.daily <= this.limits.overall.daily;
    const readOk =
      bucket !== 'read' ||
      (usage.read.fifteenMinute <= this.limits.read.fifteenMinute &&
        usage.read.daily <= this.limits.read.daily);
    return { allowed: overallOk && readOk, headers: this.headers() };
  }

  usage(): StravaRateLimits {
    const now = this.clock.nowMs();
    return {
      overall: { fifteenMinute: this.#overall15.current(now), daily: this.#overallDay.current(now) },
      read: { fifteenMinute: this.#read15.current(now), daily: this.#readDay.current(now) },
    };
  }

  /** The four headers Strava puts on every API response, each "15min,daily". */
  headers(): Record<string, string> {
    const usage = this.usage();
    return {
      'x-ratelimit-limit': `${this.limits.overall.fifteenMinute},${this.limits.overall.daily}`,
      'x-ratelimit-usage': `${usage.overall.fifteenMinute},${usage.overall.daily}`,
      'x-readratelimit-limit': `${this.limits.read.fifteenMinute},${this.limits.read.daily}`,
      'x-readratelimit-usage': `${usage.read.fifteenMinute},${usage.read.daily}`,
    };
  }
}
