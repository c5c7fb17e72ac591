/**
 * Google Health's per-user quota: 300 requests a minute (the project-wide 120,000/min and
 * 86.4 M/day cannot be reached by a test and are not modelled). Google documents no rate-limit
 * headers [U], so none are sent; over the limit the answer is 429 RESOURCE_EXHAUSTED.
 */
export class PerUserMinuteLimiter {
  private readonly windows = new Map<string, { startMs: number; used: number }>();

  constructor(
    private readonly limit: number,
    private readonly nowMs: () => number,
  ) {}

  consume(userId: string): boolean {
    const now = this.nowMs();
    const current = this.windows.get(userId);
    const window =
      current === undefined || now - current.startMs >= 60_000 ? { startMs: now, used: 0 } : current;
    this.windows.set(userId, window);
    if (window.used >= this.limit) return false;
    window.used += 1;
    return true;
  }
}
