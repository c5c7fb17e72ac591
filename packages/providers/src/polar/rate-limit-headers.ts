import type { RateLimitSnapshot } from '@syncwell/core';
import { parseRetryAfterHeader } from '../http/retry-after.js';

/** Window names in header order; they match `polarFacts.rateLimits`. */
const WINDOWS = ['app-15min', 'app-24h'] as const;

const numbers = (value: string | null): number[] =>
  value === null ? [] : value.split(',').map((part) => Number(part.trim().split(';')[0]));

/**
 * `RateLimit-Limit`, `RateLimit-Usage` and `RateLimit-Reset` (seconds to reset), each a
 * comma-separated list for the 15-minute and 24-hour windows. The format rests on secondary
 * sources, so anything unreadable is skipped rather than guessed.
 */
export function readPolarRateLimits(headers: Headers, now: Date): RateLimitSnapshot[] {
  const limits = numbers(headers.get('ratelimit-limit'));
  const usages = numbers(headers.get('ratelimit-usage'));
  const resets = numbers(headers.get('ratelimit-reset'));
  const snapshots: RateLimitSnapshot[] = [];
  WINDOWS.forEach((name, index) => {
    const limit = limits[index];
    const used = usages[index];
    const reset = resets[index];
    if (limit === undefined || used === undefined || !Number.isFinite(limit) || !Number.isFinite(used))
      return;
    snapshots.push({
      provider: 'polar',
      name,
      limit,
      used,
      ...(reset !== undefined && Number.isFinite(reset)
        ? { resetAt: new Date(now.getTime() + reset * 1000) }
        : {}),
    });
  });
  return snapshots;
}

/** Retry-After when sent; otherwise the reset of the first exhausted window. */
export function polarRetryAfterMs(headers: Headers, now: Date): number | undefined {
  const explicit = parseRetryAfterHeader(headers.get('retry-after'), now);
  if (explicit !== undefined) return explicit;
  const exhausted = readPolarRateLimits(headers, now).find(
    (s) => s.used >= s.limit && s.resetAt !== undefined,
  );
  const fallback = readPolarRateLimits(headers, now).find((s) => s.resetAt !== undefined);
  const resetAt = (exhausted ?? fallback)?.resetAt;
  return resetAt === undefined ? undefined : Math.max(0, resetAt.getTime() - now.getTime());
}
