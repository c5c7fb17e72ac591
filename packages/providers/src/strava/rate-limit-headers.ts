import type { RateLimitSnapshot } from '@syncwell/core';
import { msUntilAlignedWindowEnd } from '../http/retry-after.js';

const QUARTER_HOUR_S = 900;
const DAY_S = 86_400;

/** Header pairs, each "15min,daily"; names match `stravaFacts.rateLimits`. */
const BUCKETS = [
  { prefix: 'x-ratelimit', name: 'overall' },
  { prefix: 'x-readratelimit', name: 'read' },
] as const;

function pair(value: string | null): [number, number] | undefined {
  if (value === null) return undefined;
  const parts = value.split(',').map((part) => Number(part.trim()));
  const [short, daily] = parts;
  if (parts.length !== 2 || short === undefined || daily === undefined) return undefined;
  return Number.isFinite(short) && Number.isFinite(daily) ? [short, daily] : undefined;
}

export function readStravaRateLimits(headers: Headers, now: Date): RateLimitSnapshot[] {
  const snapshots: RateLimitSnapshot[] = [];
  for (const { prefix, name } of BUCKETS) {
    const limit = pair(headers.get(`${prefix}-limit`));
    const usage = pair(headers.get(`${prefix}-usage`));
    if (limit === undefined || usage === undefined) continue;
    snapshots.push(
      {
        provider: 'strava',
        name: `${name}-15min`,
        limit: limit[0],
        used: usage[0],
        resetAt: resetAt(now, QUARTER_HOUR_S),
      },
      {
        provider: 'strava',
        name: `${name}-daily`,
        limit: limit[1],
        used: usage[1],
        resetAt: resetAt(now, DAY_S),
      },
    );
  }
  return snapshots;
}

/**
 * Strava sends no Retry-After: the wait is to the next quarter hour, or to UTC midnight when a
 * daily window is the one exhausted (its usage in the same response says so).
 */
export function stravaRetryAfterMs(headers: Headers, now: Date): number {
  const dailyExhausted = readStravaRateLimits(headers, now).some(
    (snapshot) => snapshot.name.endsWith('-daily') && snapshot.used >= snapshot.limit,
  );
  return msUntilAlignedWindowEnd(now, dailyExhausted ? DAY_S : QUARTER_HOUR_S);
}

function resetAt(now: Date, windowSeconds: number): Date {
  return new Date(now.getTime() + msUntilAlignedWindowEnd(now, windowSeconds));
}
