import type { RetryPolicy } from './port.js';

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * Delay before retry number `retry` (1 = the first retry): exponential, capped, with "equal
 * jitter" (half fixed, half random) so a burst of failures spreads out without ever retrying
 * at once, which full jitter allows.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
