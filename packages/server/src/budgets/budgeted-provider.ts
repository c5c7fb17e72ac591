import type { DataProvider } from '@syncwell/core';
import { buildRateBudgets } from '../coordination/rate-budgets.js';
import type { RateLimiter } from '../coordination/port.js';
import { bucketSize } from '../coordination/take-request-validation.js';
import { DelayJobError } from '../queue/port.js';

export interface BudgetOptions {
  readonly rateLimiter: RateLimiter;
  /** The connection id: keys the per-user budgets. */
  readonly account: string;
  /** Backfill runs pass 0.3 and lane 'backfill', so live syncs always find room (issue 4 item 7). */
  readonly share?: number;
  readonly lane?: string;
}

/**
 * Charges the provider's shared budgets (app-wide and per user, from its facts) before each
 * call, and turns a refusal into DelayJobError: the job waits for room, it never fails.
 *
 * A call is counted as requests this way: read = 1 (one page), findByTag = 1, write = one per
 * item. That under-counts where a call makes several requests: Strava reads fetch an activity's
 * detail and streams per activity, and its uploads poll until processed. The provider's own
 * headers close the gap: every response calibrates the app budgets down to what the provider
 * says is left (`rate-limit-calibration.ts`), so the under-count costs at most one window's drift.
 *
 * Wrapping the DataProvider (not the HTTP client) keeps the charge where the job can still be
 * delayed cleanly, before a page is fetched, rather than inside a half-written page.
 */
export function budgetProvider(provider: DataProvider, options: BudgetOptions): DataProvider {
  const take = async (operation: 'read' | 'write', requests: number): Promise<void> => {
    const buckets = buildRateBudgets(provider.facts, {
      operation,
      account: options.account,
      ...(options.share === undefined ? {} : { share: options.share }),
      ...(options.lane === undefined ? {} : { lane: options.lane }),
    });
    if (buckets.length === 0) return;
    // A batch larger than the smallest bucket could never be allowed; charge what fits and let
    // the calibration from headers account for the rest.
    const cost = Math.max(1, Math.min(requests, ...buckets.map(bucketSize)));
    const verdict = await options.rateLimiter.take({ buckets, cost });
    if (!verdict.allowed) {
      throw new DelayJobError(
        verdict.retryAfterMs,
        'SW_PROVIDER_RATE_LIMITED',
        `${provider.facts.id} budget exhausted; waiting ${verdict.retryAfterMs} ms`,
      );
    }
  };
  const findByTag = provider.findByTag?.bind(provider);
  const checkAccess = provider.checkAccess?.bind(provider);
  return {
    facts: provider.facts,
    read: async (session, request) => {
      await take('read', 1);
      return provider.read(session, request);
    },
    write: async (session, items) => {
      await take('write', items.length);
      return provider.write(session, items);
    },
    ...(findByTag
      ? {
          findByTag: async (session, item) => {
            await take('read', 1);
            return findByTag(session, item);
          },
        }
      : {}),
    ...(checkAccess
      ? {
          checkAccess: async (session) => {
            await take('read', 1);
            return checkAccess(session);
          },
        }
      : {}),
  };
}
