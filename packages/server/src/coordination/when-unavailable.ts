/**
 * How long a request waits on the coordination store (Redis) before it goes on without it. An
 * ioredis client queues commands while Redis is down, so without a bound every request that
 * touches a cache or a budget would hang for the whole outage (the README promises the API
 * answers during one).
 */
export const COORDINATION_WAIT_MS = 100;

/**
 * `work`'s answer, or `fallback` when it fails or takes longer than `waitMs`: for the API's
 * optional uses of coordination (the session cache, request budgets), which have a safe answer
 * of their own (ask the store; let the request through).
 */
export async function orWhenUnavailable<T>(
  work: Promise<T>,
  fallback: T,
  waitMs: number = COORDINATION_WAIT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), waitMs);
  });
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}
