import type { RateLimitSnapshot } from '@syncwell/core';
import { parseRetryAfterHeader } from '../http/retry-after.js';
// Mirrors the one window in `garminFacts.rateLimits`.
const WINDOW = { name: 'app-1min', windowSeconds: 60 } as const;

/**
 * Garmin's rate-limit headers are unknown [U], so no Garmin-specific names are read. Only the
 * generic IETF `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset` (seconds) are
 * used when a response carries them; otherwise the worker budgets from the facts alone.
 */
export function readGarminRateLimits(headers: Headers, now: Date): RateLimitSnapshot[] {
  const limit = Number(headers.get('ratelimit-limit') ?? Number.NaN);
  const remaining = Number(headers.get('ratelimit-remaining') ?? Number.NaN);
  if (!Number.isFinite(limit) || !Number.isFinite(remaining)) return [];
  const reset = Number(headers.get('ratelimit-reset') ?? Number.NaN);
  return [
    {
      provider: 'garmin',
      name: WINDOW.name,
      limit,
      used: Math.max(0, limit - remaining),
      ...(Number.isFinite(reset) ? { resetAt: new Date(now.getTime() + reset * 1000) } : {}),
    },
  ];
}

/** Retry-After, else the generic reset, else one whole window (the 429's wait is unknown). */
export function garminRetryAfterMs(headers: Headers, now: Date): number {
  const explicit = parseRetryAfterHeader(headers.get('retry-after'), now);
  if (explicit !== undefined) return explicit;
  const reset = readGarminRateLimits(headers, now)[0]?.resetAt;
  return reset === undefined ? WINDOW.windowSeconds * 1000 : Math.max(1000, reset.getTime() - now.getTime());
}
