import type { RateLimitSnapshot } from '@syncwell/core';
import { parseRetryAfterHeader } from '../http/retry-after.js';
import { ouraFacts } from './facts.js';

/** `X-RateLimit-Tier` names the layer that tripped; only the per-token layer has known facts. */
const TIER_NAMES: Readonly<Record<string, string>> = {
  token: ouraFacts.rateLimits[0]?.name ?? 'token-5min',
  app: 'app',
  application: 'app',
};

/**
 * The 2026 docs put `Retry-After`, `X-RateLimit-Limit`, `X-RateLimit-Window` (s),
 * `X-RateLimit-Reset` (epoch s) and `X-RateLimit-Tier` on a 429, and name no usage header. So a
 * snapshot exists only for a 429 (recognised by `Retry-After`), where the tripped layer is full:
 * `used = limit`. Anything unreadable is skipped rather than guessed.
 */
export function readOuraRateLimits(headers: Headers): RateLimitSnapshot[] {
  if (headers.get('retry-after') === null) return [];
  const limit = Number(headers.get('x-ratelimit-limit'));
  if (!Number.isFinite(limit) || limit <= 0) return [];
  const tier = (headers.get('x-ratelimit-tier') ?? 'token').trim().toLowerCase();
  const reset = Number(headers.get('x-ratelimit-reset'));
  return [
    {
      provider: 'oura',
      name: TIER_NAMES[tier] ?? tier,
      limit,
      used: limit,
      ...(Number.isFinite(reset) && reset > 0 ? { resetAt: new Date(reset * 1000) } : {}),
    },
  ];
}

/** `Retry-After` when sent; otherwise the wait until `X-RateLimit-Reset`. */
export function ouraRetryAfterMs(headers: Headers, now: Date): number | undefined {
  const explicit = parseRetryAfterHeader(headers.get('retry-after'), now);
  if (explicit !== undefined) return explicit;
  const reset = Number(headers.get('x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now.getTime()) : undefined;
}
