const MINUTE_S = 60;
const DAY_S = 86_400;

export interface WhoopQuota {
  readonly perMinute: number;
  readonly perDay: number;
}

export const WHOOP_QUOTA: WhoopQuota = { perMinute: 100, perDay: 10_000 };

export interface WhoopVerdict {
  readonly allowed: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * WHOOP's per-app limits, 100 / 60 s and 10,000 / 24 h, with its documented headers:
 * `X-RateLimit-Limit: "100;window=60, 10000;window=86400"`, `X-RateLimit-Remaining` and
 * `X-RateLimit-Reset` (seconds). Remaining/Reset describe the window closest to exhaustion (the
 * docs give one number for two windows). Windows are clock-aligned here; WHOOP does not say [U].
 */
export class WhoopRateLimiter {
  private minuteStart = -1;
  private dayStart = -1;
  private minuteUsed = 0;
  private dayUsed = 0;

  constructor(
    private readonly quota: WhoopQuota,
    private readonly nowMs: () => number,
  ) {}

  consume(): WhoopVerdict {
    this.roll();
    const allowed = this.minuteUsed < this.quota.perMinute && this.dayUsed < this.quota.perDay;
    if (allowed) {
      this.minuteUsed++;
      this.dayUsed++;
    }
    return { allowed, headers: this.headers() };
  }

  /** The headers of an exhausted minute window, without counting: what a 429 storm sends. */
  exhausted(): Readonly<Record<string, string>> {
    this.roll();
    return {
      ...this.headers(),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(this.resetOf(MINUTE_S)),
    };
  }

  private roll(): void {
    const nowS = Math.floor(this.nowMs() / 1000);
    const minute = nowS - (nowS % MINUTE_S);
    const day = nowS - (nowS % DAY_S);
    if (minute !== this.minuteStart) [this.minuteStart, this.minuteUsed] = [minute, 0];
    if (day !== this.dayStart) [this.dayStart, this.dayUsed] = [day, 0];
  }

  private resetOf(windowS: number): number {
    const nowS = Math.floor(this.nowMs() / 1000);
    return windowS - (nowS % windowS);
  }

  private headers(): Record<string, string> {
    const minuteLeft = Math.max(0, this.quota.perMinute - this.minuteUsed);
    const dayLeft = Math.max(0, this.quota.perDay - this.dayUsed);
    const daily = dayLeft < minuteLeft;
    return {
      'X-RateLimit-Limit': `${this.quota.perMinute};window=${MINUTE_S}, ${this.quota.perDay};window=${DAY_S}`,
      'X-RateLimit-Remaining': String(daily ? dayLeft : minuteLeft),
      'X-RateLimit-Reset': String(this.resetOf(daily ? DAY_S : MINUTE_S)),
    };
  }
}
