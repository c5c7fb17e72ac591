/**
 * Coordination between workers: locks with fencing tokens, token-bucket rate limits and a small
 * cache. In one process the memory adapter is enough; the Redis adapter (Lua scripts, atomic)
 * puts the same contract behind many workers.
 *
 * Deliberately absent: connection, cluster or transaction types (adapters own their client),
 * any notion of who the holders are (a lock is a key, a TTL and a token), and any provider
 * name: budgets are plain keys built from provider facts by `rate-budgets.ts`.
 *
 * @example
 *   const lock = await coordination.acquireLock(`rule:${ruleId}`, 60_000);
 *   if (!lock) throw new DelayJobError(5_000, 'SW_RUN_LOCK_LOST');
 *   try { await runSync({ ..., fencingToken: lock.fencingToken }); } finally { await lock.release(); }
 *
 *   const verdict = await coordination.rateLimiter.take({ buckets: buildRateBudgets(facts, req) });
 *   if (!verdict.allowed) throw new DelayJobError(verdict.retryAfterMs, 'SW_PROVIDER_RATE_LIMITED');
 */
export interface CoordinationAdapter extends Coordination {
  readonly rateLimiter: RateLimiter;
  readonly cache: Cache;
}

/**
 * The lock slice, which is all the worker and scheduler need: they depend on it alone, so a
 * two-method fake still serves their tests. Every adapter is a `CoordinationAdapter`.
 */
export interface Coordination {
  /** Null when someone else holds a live lock on the key. */
  acquireLock(key: string, ttlMs: number): Promise<Lock | null>;
  /** Releases what the adapter itself opened; a client passed in by the caller stays open. */
  close(): Promise<void>;
}

export interface Lock {
  readonly key: string;
  /**
   * Strictly increasing per key across acquisitions. The store refuses a commit carrying a
   * token lower than one it has seen, so a holder whose lock expired cannot commit.
   */
  readonly fencingToken: number;
  /** Extends the TTL; false when the lock was lost (expired and taken by another). */
  renew(ttlMs: number): Promise<boolean>;
  /** Releases only if still held by this holder; never frees a successor's lock. */
  release(): Promise<void>;
}

/**
 * A token bucket: holds at most `capacity` tokens and refills continuously. Models a provider's
 * rolling window, and our own per-user fairness budgets.
 */
export interface TokenBucketSpec {
  readonly key: string;
  readonly capacity: number;
  /** Must be > 0: a bucket that never refills would block its key forever. */
  readonly refillPerSecond: number;
}

/**
 * A fixed window aligned to UTC epoch multiples of `windowSeconds`: 900 resets at :00/:15/:30/:45,
 * 86 400 at UTC midnight (Strava). The whole `limit` comes back at the boundary, not gradually.
 */
export interface AlignedWindowSpec {
  readonly key: string;
  readonly limit: number;
  readonly windowSeconds: number;
  readonly alignment: 'aligned';
}

export type BucketSpec = TokenBucketSpec | AlignedWindowSpec;

export interface TakeRequest {
  /** Checked and charged together: all of them have room and all are charged, or none is. */
  readonly buckets: readonly BucketSpec[];
  /** Tokens to take from every bucket; default 1. Must not exceed any bucket's size. */
  readonly cost?: number;
  /**
   * Epoch ms. Tests inject it; in production leave it out, and the Redis adapter uses the
   * server's clock so workers with skewed clocks still agree on windows.
   */
  readonly now?: number;
}

export type TakeResult =
  | { readonly allowed: true }
  /** Nothing was charged. The wait until the slowest bucket has room, in ms (≥ 1). */
  | { readonly allowed: false; readonly retryAfterMs: number };

/** What a provider's own headers say about one budget (X-RateLimit-Usage and the like). */
export interface Calibration {
  /** Requests the provider says are left in the current window. */
  readonly remaining: number;
  /** Epoch ms when the provider's window resets. */
  readonly resetAt: number;
  readonly now?: number;
}

/**
 * Shared token buckets. Keys are budgets (`rl:strava:app:overall-15min`), not requests.
 *
 * @example
 *   await rateLimiter.take({ buckets: [{ key: 'rl:x:app', capacity: 100, refillPerSecond: 1 }] });
 *   await rateLimiter.calibrate('rl:x:app', { remaining: 3, resetAt: Date.parse(resetHeader) });
 */
export interface RateLimiter {
  take(request: TakeRequest): Promise<TakeResult>;
  /**
   * Pulls the bucket down to `remaining` (never raises it), so requests made outside our
   * accounting (another deployment, a retry we did not count) stop us before the provider does.
   * An aligned window stays at that level until `resetAt`.
   */
  calibrate(key: string, calibration: Calibration): Promise<void>;
}

/**
 * A small shared cache for rule configs and ids. Values must never carry health data: the
 * Redis adapter keeps them in plain text.
 */
export interface Cache {
  /** Null when absent or expired. */
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  invalidate(key: string): Promise<void>;
  /**
   * Atomically adds one to an integer counter (absent or expired counts as 0) and (re)sets its
   * TTL, so the count lives `ttlMs` past the latest increment; returns the new count. Used for
   * failure streaks (login throttling) that every api process must see alike.
   */
  increment(key: string, ttlMs: number): Promise<number>;
}
