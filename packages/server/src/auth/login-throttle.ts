import { systemClock } from '@syncwell/core';
import type { Cache } from '../coordination/port.js';
import { RateLimitedError } from './rate-limited-error.js';

/** How one kind of key (an account, a client address) is throttled. */
export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  readonly freeFailures: number;
  /** The first wait; each further failure doubles it. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A streak is forgotten this long after its latest failure. */
  readonly streakTtlMs: number;
}

/**
 * Per account: 5 free failures, then 1 s, 2 s, 4 s ... capped at 15 min. Per client address:
 * 20 free (a household or office shares one), same doubling. A streak ends an hour after its
 * last failure, or for an account at its next successful login.
 */
export const LOGIN_THROTTLE = {
  account: { freeFailures: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, streakTtlMs: 60 * 60_000 },
  client: { freeFailures: 20, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, streakTtlMs: 60 * 60_000 },
} as const satisfies Record<string, ThrottlePolicy>;

/** One throttled identity: `account:<hmac of the email or user id>` or `client:<address>`. */
export interface ThrottleKey {
  readonly key: string;
  readonly policy: ThrottlePolicy;
}

/** The wait after `failures` consecutive failures: 0 while free, then doubling to the cap. */
export function backoffDelayMs(policy: ThrottlePolicy, failures: number): number {
  const over = failures - policy.freeFailures;
  if (over <= 0) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(over - 1, 40));
}

/**
 * Brute-force protection for anything that checks a password. State lives in the coordination
 * cache (Redis in production), so every api process sees one streak per account and client;
 * the wait is a deadline compared with the injected clock, so tests pin time instead of sleeping.
 * A locked key is refused before the password is even hashed: guessing costs the attacker time,
 * not us CPU.
 *
 * @example
 *   await throttle.assertOpen(keys);           // 429 SW_RATE_LIMITED with the wait
 *   ok ? await throttle.succeeded(keys) : await throttle.failed(keys);
 */
export class LoginThrottle {
  constructor(
    private readonly cache: Cache,
    private readonly now: () => Date = systemClock.now,
  ) {}

  /** Throws RateLimitedError with the longest remaining wait of any key. */
  async assertOpen(keys: readonly ThrottleKey[]): Promise<void> {
    const now = this.now().getTime();
    let waitMs = 0;
    for (const { key } of keys) {
      const until = Number(await this.cache.get(lockKey(key)));
      if (Number.isFinite(until) && until > now) waitMs = Math.max(waitMs, until - now);
    }
    if (waitMs > 0) throw new RateLimitedError(waitMs);
  }

  async failed(keys: readonly ThrottleKey[]): Promise<void> {
    const now = this.now().getTime();
    for (const { key, policy } of keys) {
      const failures = await this.cache.increment(streakKey(key), policy.streakTtlMs);
      const delay = backoffDelayMs(policy, failures);
      // The stored deadline decides, against the injected clock; the TTL only collects garbage,
      // so it is generous (a TTL as short as the wait could vanish early on a slow test host).
      if (delay > 0) await this.cache.set(lockKey(key), String(now + delay), delay + policy.streakTtlMs);
    }
  }

  /** Ends the account's streak; the client's stays, so one good login cannot reset a spray. */
  async succeeded(keys: readonly ThrottleKey[]): Promise<void> {
    for (const { key } of keys) {
      if (!key.startsWith('account:')) continue;
      await this.cache.invalidate(streakKey(key));
      await this.cache.invalidate(lockKey(key));
    }
  }
}

const streakKey = (key: string) => `login-failures:${key}`;
const lockKey = (key: string) => `login-locked-until:${key}`;
