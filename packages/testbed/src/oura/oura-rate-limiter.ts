/** Requests per window for one layer. */
export interface OuraLayerLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface OuraRateLimits {
  /** Per access token; legacy docs: 5,000 per 5 minutes. */
  readonly token: OuraLayerLimit;
  /** Per application; the 2026 docs name the layer without numbers, so this default is ours ([U]). */
  readonly app: OuraLayerLimit;
}

export const OURA_RATE_LIMITS: OuraRateLimits = {
  token: { limit: 5000, windowSeconds: 300 },
  app: { limit: 100_000, windowSeconds: 300 },
};

export interface OuraRateVerdict {
  readonly allowed: boolean;
  /** Only a 429 carries headers: the 2026 docs list them for that answer alone. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Two layers, per token and per app; a request is refused when either is full, and the 429 says
 * which one in `X-RateLimit-Tier`. Windows are fixed, aligned to the simulator clock, so a test
 * can step past one; refused requests do not count.
 */
export class OuraRateLimiter {
  readonly #used = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly limits: OuraRateLimits,
    private readonly nowMs: () => number,
  ) {}

  consume(accessToken: string | undefined): OuraRateVerdict {
    const layers: [tier: 'token' | 'app', key: string, limit: OuraLayerLimit][] = [
      ['app', 'app', this.limits.app],
    ];
    if (accessToken !== undefined) layers.unshift(['token', `token:${accessToken}`, this.limits.token]);
    for (const [tier, key, limit] of layers) {
      if (this.#count(key, limit) >= limit.limit) return { allowed: false, headers: this.exhausted(tier) };
    }
    for (const [, key, limit] of layers) this.#bump(key, limit);
    return { allowed: true, headers: {} };
  }

  /** The 429 headers of a full layer (also what the fault model's rate-limit storm sends). */
  exhausted(tier: 'token' | 'app' = 'token'): Record<string, string> {
    const limit = this.limits[tier];
    const windowMs = limit.windowSeconds * 1000;
    const now = this.nowMs();
    const resetMs = Math.floor(now / windowMs) * windowMs + windowMs;
    return {
      'Retry-After': String(Math.max(1, Math.ceil((resetMs - now) / 1000))),
      'X-RateLimit-Limit': String(limit.limit),
      'X-RateLimit-Window': String(limit.windowSeconds),
      'X-RateLimit-Reset': String(Math.floor(resetMs / 1000)),
      'X-RateLimit-Tier': tier,
    };
  }

  #count(key: string, limit: OuraLayerLimit): number {
    const windowStart = this.#windowStart(limit);
    const entry = this.#used.get(key);
    return entry?.windowStart === windowStart ? entry.count : 0;
  }

  #bump(key: string, limit: OuraLayerLimit): void {
    const windowStart = this.#windowStart(limit);
    this.#used.set(key, { windowStart, count: this.#count(key, limit) + 1 });
  }

  #windowStart(limit: OuraLayerLimit): number {
    const windowMs = limit.windowSeconds * 1000;
    return Math.floor(this.nowMs() / windowMs) * windowMs;
  }
}
