/**
 * 120 requests per minute, app-wide [O]. Over the limit Withings still answers HTTP 200, with
 * body status 601 [S], and sends no rate-limit headers. The window is modelled as rolling: the
 * docs do not say whether it is aligned to the minute [U].
 */
export class WithingsRateLimiter {
  private readonly stamps: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly nowMs: () => number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one request; false when it is over the limit (refused requests are not counted). */
  consume(): boolean {
    const now = this.nowMs();
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - this.windowMs) this.stamps.shift();
    if (this.stamps.length >= this.limit) return false;
    this.stamps.push(now);
    return true;
  }

  /** Fills the window, as if the app had spent its minute. */
  exhaust(): void {
    const now = this.nowMs();
    while (this.stamps.length < this.limit) this.stamps.push(now);
  }

  reset(): void {
    this.stamps.length = 0;
  }
}
