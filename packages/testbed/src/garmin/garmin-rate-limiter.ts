/** What the limiter says about one request. */
export interface GarminRateVerdict {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  readonly resetSeconds: number;
}

/**
 * "100 requests/minute" per app [S/U], fixed one-minute windows on the simulator clock. The
 * status and headers at the limit are unknown, so the simulator answers 429 and, unless
 * `genericHeaders` is on, sends no rate-limit headers at all (none are invented for Garmin).
 */
export class GarminRateLimiter {
  private windowStartS = -1;
  private used = 0;

  constructor(
    readonly limit: number,
    private readonly nowMs: () => number,
  ) {}

  consume(): GarminRateVerdict {
    const nowS = Math.floor(this.nowMs() / 1000);
    const startS = nowS - (nowS % 60);
    if (startS !== this.windowStartS) [this.windowStartS, this.used] = [startS, 0];
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    return {
      allowed,
      limit: this.limit,
      remaining: this.limit - this.used,
      resetSeconds: startS + 60 - nowS,
    };
  }

  /** A test control: the current window is forgotten (as if a minute had passed). */
  reset(): void {
    this.windowStartS = -1;
    this.used = 0;
  }
}

/** IETF draft `RateLimit-*` headers; sent only when the simulator is asked to (see options). */
export function genericRateLimitHeaders(verdict: GarminRateVerdict): Record<string, string> {
  return {
    'RateLimit-Limit': String(verdict.limit),
    'RateLimit-Remaining': String(Math.max(0, verdict.remaining)),
    'RateLimit-Reset': String(verdict.resetSeconds),
  };
}
