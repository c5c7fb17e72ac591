import { epochMs, systemClock } from '@syncwell/core';
import type { ProviderFacts, RateLimitSnapshot } from '@syncwell/core';
import type { Logger } from 'pino';
import type { RateLimiter } from '../coordination/port.js';
import { rateBudgetKey } from '../coordination/rate-budgets.js';

/**
 * An `onRateLimitHeaders` sink for one provider: each snapshot of its headers pulls the shared
 * app budget of the same name down to what the provider says is left, so requests we did not
 * count (detail + streams per activity, another deployment on the same client id) stop us
 * before the provider's 429 does.
 *
 * Only app-scoped budgets are calibrated: the sink is per provider bundle, not per request, so
 * it cannot tell which account a per-user header belongs to. Those buckets rely on our own count
 * and on the 429 delay.
 *
 * @example
 *   module.create({ ...settings, onRateLimitHeaders: calibrateFromHeaders(rateLimiter, module.facts, logger) });
 */
export function calibrateFromHeaders(
  rateLimiter: RateLimiter,
  facts: Pick<ProviderFacts, 'id' | 'rateLimits'>,
  logger?: Pick<Logger, 'warn'>,
  /** Tests inject a clock; in production the Redis adapter uses the server's own. */
  now?: () => number,
): (snapshot: RateLimitSnapshot) => void {
  return (snapshot) => {
    const limit = facts.rateLimits.find((l) => l.name === snapshot.name && l.scope === 'app');
    if (limit === undefined) return;
    const at = (now ?? (() => epochMs(systemClock)))();
    const calibration = {
      remaining: Math.max(0, Math.floor(snapshot.limit - snapshot.used)),
      resetAt: snapshot.resetAt?.getTime() ?? at + limit.windowSeconds * 1000,
      ...(now === undefined ? {} : { now: at }),
    };
    // The sink is synchronous and must never fail a data request: calibrate in the background.
    rateLimiter.calibrate(rateBudgetKey(facts.id, limit, ''), calibration).catch((error: unknown) => {
      logger?.warn(
        { provider: facts.id, budget: limit.name, err: { message: (error as Error).message } },
        'rate-limit calibration failed',
      );
    });
  };
}
