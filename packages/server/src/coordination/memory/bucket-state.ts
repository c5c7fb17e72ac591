import { isAlignedWindow } from '../take-request-validation.js';
import type { BucketSpec } from '../port.js';

/**
 * One budget's stored state. The Redis adapter keeps the same fields in a hash (t, ts, e, c, r, x)
 * and its Lua script (redis/redis-scripts.ts) is this module's twin: change both together.
 */
export interface BucketState {
  /** Tokens left as of `at`. May be fractional for token buckets. */
  tokens: number;
  at: number;
  /** Aligned windows (and calibrations): when the whole limit comes back. */
  windowEnd: number | undefined;
  size: number | undefined;
  /** Token buckets only: tokens per ms. */
  refillPerMs: number | undefined;
  /**
   * When the state may be forgotten because a fresh bucket would be identical. Both adapters
   * ignore state past it by the caller's `now` (Redis also PEXPIREs it), so expiry is invisible.
   */
  expiresAt: number;
}

/** Kept a second past the moment a fresh bucket would look the same, to absorb clock jitter. */
const EXPIRY_SLACK_MS = 1_000;

/** The bucket as of `now`, refilled or rolled into the current window. Does not mutate. */
export function currentState(spec: BucketSpec, stored: BucketState | undefined, now: number): BucketState {
  if (isAlignedWindow(spec)) {
    const windowMs = spec.windowSeconds * 1_000;
    const storedEnd = stored?.windowEnd;
    const live = stored !== undefined && storedEnd !== undefined && now < storedEnd;
    const windowEnd = live ? storedEnd : Math.floor(now / windowMs) * windowMs + windowMs;
    const tokens = live ? Math.min(stored.tokens, spec.limit) : spec.limit;
    return withExpiry(
      { tokens, at: now, windowEnd, size: spec.limit, refillPerMs: undefined, expiresAt: 0 },
      now,
    );
  }
  const refillPerMs = spec.refillPerSecond / 1_000;
  // A calibration alone knows no refill rate: it holds until the provider's reset, then is gone.
  const calibrationOver =
    stored?.refillPerMs === undefined && stored?.windowEnd !== undefined && now >= stored.windowEnd;
  const base = calibrationOver ? undefined : stored;
  const tokens =
    base === undefined
      ? spec.capacity
      : Math.min(spec.capacity, base.tokens + Math.max(0, now - base.at) * refillPerMs);
  const at = base === undefined ? now : Math.max(base.at, now);
  return withExpiry(
    { tokens, at, windowEnd: undefined, size: spec.capacity, refillPerMs, expiresAt: 0 },
    now,
  );
}

/** How long until `cost` tokens are there; only meaningful when they are not. */
export function waitMs(state: BucketState, cost: number, now: number): number {
  const wait =
    state.refillPerMs !== undefined
      ? (cost - state.tokens) / state.refillPerMs
      : (state.windowEnd ?? now) - now;
  return Math.max(1, Math.ceil(wait));
}

/** The state after a provider said only `remaining` are left until `resetAt`. */
export function calibratedState(
  stored: BucketState | undefined,
  remaining: number,
  resetAt: number,
  now: number,
): BucketState {
  const fresh = (): BucketState =>
    withExpiry(
      {
        tokens: Math.max(0, remaining),
        at: now,
        windowEnd: resetAt,
        size: undefined,
        refillPerMs: undefined,
        expiresAt: 0,
      },
      now,
    );
  if (stored === undefined) return fresh();
  let tokens = stored.tokens;
  if (stored.refillPerMs !== undefined && stored.size !== undefined) {
    tokens = Math.min(stored.size, tokens + Math.max(0, now - stored.at) * stored.refillPerMs);
  } else if (stored.windowEnd !== undefined && now >= stored.windowEnd) {
    // The stored window is over: as full as its limit, or unknown (then the provider's word wins).
    if (stored.size === undefined) return fresh();
    tokens = stored.size;
  }
  const isBucket = stored.refillPerMs !== undefined;
  return withExpiry(
    {
      tokens: Math.max(0, Math.min(tokens, remaining)),
      at: Math.max(stored.at, now),
      // A window follows the provider's clock for its reset; a token bucket keeps refilling.
      windowEnd: isBucket ? undefined : resetAt,
      size: stored.size,
      refillPerMs: stored.refillPerMs,
      expiresAt: 0,
    },
    now,
  );
}

function withExpiry(state: BucketState, now: number): BucketState {
  const untilFresh =
    state.refillPerMs !== undefined && state.size !== undefined
      ? (state.size - state.tokens) / state.refillPerMs
      : (state.windowEnd ?? now) - now;
  state.expiresAt = now + Math.max(0, Math.ceil(untilFresh)) + EXPIRY_SLACK_MS;
  return state;
}
