/** Base quotas per app; each registered user adds to them (polar.md, [S]). */
export interface PolarQuota {
  readonly shortBase: number;
  readonly shortPerUser: number;
  readonly longBase: number;
  readonly longPerUser: number;
}

export const POLAR_QUOTA: PolarQuota = { shortBase: 500, shortPerUser: 20, longBase: 5000, longPerUser: 100 };

const SHORT_WINDOW_S = 15 * 60;
const LONG_WINDOW_S = 24 * 60 * 60;

export interface RateLimitVerdict {
  readonly allowed: boolean;
  /** `RateLimit-Usage` / `-Limit` / `-Reset` as "short, long" pairs, reset in seconds. */
  readonly headers: Readonly<Record<string, string>>;
  readonly retryAfterSeconds: number;
}

/**
 * Polar's app-wide quota: 500 + 20 × users per 15 min and 5,000 + 100 × users per 24 h. Windows
 * are fixed and aligned to the clock (Polar does not document alignment; [U]). The header value
 * format "short, long" is our reading of the secondary sources.
 */
export class PolarRateLimiter {
  private shortWindowStart = -1;
  private longWindowStart = -1;
  private shortUsed = 0;
  private longUsed = 0;

  constructor(
    private readonly quota: PolarQuota,
    private readonly nowMs: () => number,
  ) {}

  /**
   * The answer at an exhausted short window without counting a call: what a 429 storm sends,
   * so its headers and Retry-After are the real window's.
   */
  exhausted(registeredUsers: number): RateLimitVerdict {
    const nowS = Math.floor(this.nowMs() / 1000);
    const shortLimit = this.quota.shortBase + this.quota.shortPerUser * registeredUsers;
    const longLimit = this.quota.longBase + this.quota.longPerUser * registeredUsers;
    const shortReset = SHORT_WINDOW_S - (nowS % SHORT_WINDOW_S);
    const longReset = LONG_WINDOW_S - (nowS % LONG_WINDOW_S);
    return {
      allowed: false,
      retryAfterSeconds: shortReset,
      headers: {
        'RateLimit-Usage': `${shortLimit}, ${Math.max(this.longUsed, shortLimit)}`,
        'RateLimit-Limit': `${shortLimit}, ${longLimit}`,
        'RateLimit-Reset': `${shortReset}, ${longReset}`,
      },
    };
  }

  consume(registeredUsers: number): RateLimitVerdict {
    const nowS = Math.floor(this.nowMs() / 1000);
    const shortStart = nowS - (nowS % SHORT_WINDOW_S);
    const longStart = nowS - (nowS % LONG_WINDOW_S);
    if (shortStart !== this.shortWindowStart) [this.shortWindowStart, this.shortUsed] = [shortStart, 0];
    if (longStart !== this.longWindowStart) [this.longWindowStart, this.longUsed] = [longStart, 0];

    const shortLimit = this.quota.shortBase + this.quota.shortPerUser * registeredUsers;
    const longLimit = this.quota.longBase + this.quota.longPerUser * registeredUsers;
    const shortReset = shortStart + SHORT_WINDOW_S - nowS;
    const longReset = longStart + LONG_WINDOW_S - nowS;
    const allowed = this.shortUsed < shortLimit && this.longUsed < longLimit;
    // Refused calls do not count against the quota.
    if (allowed) {
      this.shortUsed++;
      this.longUsed++;
    }
    return {
      allowed,
      retryAfterSeconds: this.longUsed >= longLimit ? longReset : shortReset,
      headers: {
        'RateLimit-Usage': `${this.shortUsed}, ${this.longUsed}`,
        'RateLimit-Limit': `${shortLimit}, ${longLimit}`,
        'RateLimit-Reset': `${shortReset}, ${longReset}`,
      },
    };
  }
}
