import type { RateLimitSnapshot } from '@syncwell/core';
import { parseRetryAfterHeader } from '../http/retry-after.js';

/** `windowSeconds` → the names in `whoopFacts.rateLimits`. */
const NAMES: Readonly<Record<number, string>> = { 60: 'app-minute', 86_400: 'app-day' };

/** `X-RateLimit-Limit: "100;window=60, 10000;window=86400"` → [{limit, window}]. */
export function parseLimitPolicies(value: string | null): { limit: number; windowSeconds: number }[] {
  if (value === null) return [];
  return value.split(',').flatMap((part) => {
    const match = /^\s*(\d+)\s*;\s*window\s*=\s*(\d+)\s*$/.exec(part);
    return match === null ? [] : [{ limit: Number(match[1]), windowSeconds: Number(match[2]) }];
  });
}

/**
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` (seconds) are single numbers while the limit
 * lists two windows. As in the IETF RateLimit draft they describe the window closest to
 * exhaustion; we attribute them to the shortest window whose length covers the reset.
 */
export function readWhoopRateLimits(headers: Headers, now: Date): RateLimitSnapshot[] {
  const policies = parseLimitPolicies(headers.get('x-ratelimit-limit')).sort(
    (a, b) => a.windowSeconds - b.windowSeconds,
  );
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
  const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
  if (policies.length === 0 || !Number.isFinite(remaining)) return [];
  const policy =
    policies.find((p) => Number.isFinite(reset) && reset <= p.windowSeconds && remaining <= p.limit) ??
    policies[0];
  const name = policy === undefined ? undefined : NAMES[policy.windowSeconds];
  if (policy === undefined || name === undefined) return [];
  return [
    {
      provider: 'whoop',
      name,
      limit: policy.limit,
      used: Math.max(0, policy.limit - remaining),
      ...(Number.isFinite(reset) ? { resetAt: new Date(now.getTime() + reset * 1000) } : {}),
    },
  ];
}

/** Retry-After when sent, else `X-RateLimit-Reset` (seconds), else a minute (the short window). */
export function whoopRetryAfterMs(headers: Headers, now: Date): number {
  const explicit = parseRetryAfterHeader(headers.get('retry-after'), now);
  if (explicit !== undefined) return explicit;
  const reset = Number(headers.get('x-ratelimit-reset') ?? Number.NaN);
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : 60_000;
}
