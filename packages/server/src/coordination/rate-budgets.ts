import type { ProviderFacts, RateLimitFacts } from '@syncwell/core';
import { CoordinationRequestError } from './coordination-error.js';
import type { BucketSpec } from './port.js';

export interface RateBudgetRequest {
  readonly operation: 'read' | 'write';
  /** Keys the per-user budgets: the connected account (connection id), never an email. */
  readonly account: string;
  /** Grows app budgets that allow `limit + perUserIncrement × users` (Polar). Omitted: base limit. */
  readonly registeredUsers?: number;
  /**
   * Caps this caller at a fraction of every budget (0.3 for backfill). The caller is charged in
   * the full budget too, so interactive syncs see what it used; the lane bucket only caps it.
   */
  readonly share?: number;
  /** Names the capped lane; callers with the same lane share its cap. Default `share-<percent>`. */
  readonly lane?: string;
}

/**
 * A rolling window becomes a token bucket holding this fraction of the limit as burst, refilled
 * with the rest over the window. Any window then sees at most burst + refill × window = limit,
 * so a strict sliding-window provider never sees us exceed it; the price is that a cold start
 * can burst only 10 %.
 */
const ROLLING_BURST_FRACTION = 0.1;

/**
 * The buckets one provider request must take from, built from the provider's facts.
 *
 * @example
 *   const buckets = buildRateBudgets(facts, { operation: 'read', account: connectionId, share: 0.3, lane: 'backfill' });
 *   const verdict = await coordination.rateLimiter.take({ buckets });
 */
export function buildRateBudgets(
  facts: Pick<ProviderFacts, 'id' | 'rateLimits'>,
  request: RateBudgetRequest,
): BucketSpec[] {
  const share = request.share ?? 1;
  if (!Number.isFinite(share) || share <= 0 || share > 1) {
    throw new CoordinationRequestError('A budget share must be in (0, 1].', { share });
  }
  const lane = request.lane ?? `share-${Math.round(share * 100)}`;
  const specs: BucketSpec[] = [];
  for (const limit of facts.rateLimits) {
    if (limit.appliesTo !== 'all' && limit.appliesTo !== request.operation) continue;
    const key = rateBudgetKey(facts.id, limit, request.account);
    const size = budgetLimit(limit, request.registeredUsers);
    specs.push(bucketFor(key, size, limit));
    if (share < 1) specs.push(bucketFor(`${key}:lane:${lane}`, Math.max(1, Math.floor(size * share)), limit));
  }
  return specs;
}

/**
 * The key of one budget, for `calibrate` when a response's headers report on it.
 * App budgets are shared by every account; user budgets are one per account.
 */
export function rateBudgetKey(providerId: string, limit: RateLimitFacts, account: string): string {
  if (limit.scope === 'app') return `${providerId}:app:${limit.name}`;
  if (account === '') {
    throw new CoordinationRequestError('A per-user budget needs an account.', { name: limit.name });
  }
  return `${providerId}:user:${account}:${limit.name}`;
}

function budgetLimit(limit: RateLimitFacts, registeredUsers: number | undefined): number {
  if (limit.scope !== 'app' || limit.perUserIncrement === undefined || registeredUsers === undefined) {
    return limit.limit;
  }
  return limit.limit + limit.perUserIncrement * Math.max(0, Math.floor(registeredUsers));
}

function bucketFor(key: string, size: number, limit: RateLimitFacts): BucketSpec {
  if (limit.window === 'aligned') {
    return { key, limit: size, windowSeconds: limit.windowSeconds, alignment: 'aligned' };
  }
  const capacity = Math.max(1, Math.floor(size * ROLLING_BURST_FRACTION));
  // A limit of 1 leaves nothing to refill with; there the bucket may allow 2 per window.
  const refill = size > capacity ? size - capacity : size;
  return { key, capacity, refillPerSecond: refill / limit.windowSeconds };
}
