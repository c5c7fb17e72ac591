import type { RateLimitSnapshot } from '@syncwell/core';
import { parseRetryAfterHeader } from '../http/retry-after.js';

/**
 * The Google Health API documents no rate-limit header [U], so there is nothing to calibrate
 * budgets from: they run on `googleHealthFacts.rateLimits` alone. Reading nothing beats
 * guessing header names that would silently mis-calibrate shared budgets.
 */
export function readGoogleHealthRateLimits(_headers: Headers, _now: Date): RateLimitSnapshot[] {
  return [];
}

/** The tightest documented window is the per-user minute, so a 429 waits at most that long. */
const USER_WINDOW_MS = 60_000;

/** Retry-After if Google ever sends one; otherwise one per-user window. */
export function googleHealthRetryAfterMs(headers: Headers, now: Date): number {
  return parseRetryAfterHeader(headers.get('retry-after'), now) ?? USER_WINDOW_MS;
}
