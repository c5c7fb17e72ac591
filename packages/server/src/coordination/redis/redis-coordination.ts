import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { validateTtlMs } from '../take-request-validation.js';
import type { CoordinationAdapter, Lock } from '../port.js';
import { RedisCache } from './redis-cache.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';
import { ACQUIRE_LOCK_LUA, RELEASE_LOCK_LUA, RENEW_LOCK_LUA } from './redis-scripts.js';
import { defineRedisScript, type RedisScript } from './redis-script.js';

export interface RedisCoordinationOptions {
  /** The caller's connection; `close()` leaves it open because the caller may share it. */
  readonly redis: Redis;
  /** Every key starts with it, so several deployments (or tests) share one Redis safely. */
  readonly prefix?: string;
}

/**
 * Coordination for many workers on one Redis (standalone or Sentinel).
 *
 * @example
 *   const coordination = createRedisCoordination({ redis, prefix: 'syncwell:coord:' });
 */
export function createRedisCoordination(options: RedisCoordinationOptions): CoordinationAdapter {
  const prefix = options.prefix ?? 'syncwell:coord:';
  const locks = new RedisLocks(options.redis, prefix);
  return {
    acquireLock: (key, ttlMs) => locks.acquire(key, ttlMs),
    rateLimiter: new RedisRateLimiter(options.redis, `${prefix}rl:`),
    cache: new RedisCache(options.redis, `${prefix}cache:`),
    close: () => Promise.resolve(),
  };
}

class RedisLocks {
  private readonly acquireScript: RedisScript;
  private readonly renewScript: RedisScript;
  private readonly releaseScript: RedisScript;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    this.acquireScript = defineRedisScript(redis, 'syncwellLockAcquire', ACQUIRE_LOCK_LUA);
    this.renewScript = defineRedisScript(redis, 'syncwellLockRenew', RENEW_LOCK_LUA);
    this.releaseScript = defineRedisScript(redis, 'syncwellLockRelease', RELEASE_LOCK_LUA);
  }

  async acquire(key: string, ttlMs: number): Promise<Lock | null> {
    // The hash tag puts a lock and its counter in one Cluster slot, as one script needs.
    const lockKey = `${this.prefix}lock:{${key}}`;
    const fenceKey = `${this.prefix}fence:{${key}}`;
    const owner = randomUUID();
    const token = Number(await this.acquireScript([lockKey, fenceKey], [owner, validateTtlMs(ttlMs)]));
    if (!Number.isSafeInteger(token) || token <= 0) return null;
    return {
      key,
      fencingToken: token,
      renew: async (ms) => Number(await this.renewScript([lockKey], [owner, validateTtlMs(ms)])) === 1,
      release: async () => {
        await this.releaseScript([lockKey], [owner]);
      },
    };
  }
}
