import type { Redis } from 'ioredis';
import { validateTtlMs } from '../take-request-validation.js';
import type { Cache } from '../port.js';

/** Plain strings with PX expiry; Redis evicts them itself. */
export class RedisCache implements Cache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  get(key: string): Promise<string | null> {
    return this.redis.get(this.prefix + key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, value, 'PX', validateTtlMs(ttlMs));
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const ttl = validateTtlMs(ttlMs);
    // One MULTI: the count and its expiry change together, so no counter is left without a TTL.
    const replies = await this.redis
      .multi()
      .incr(this.prefix + key)
      .pexpire(this.prefix + key, ttl)
      .exec();
    const [incremented] = replies ?? [];
    if (incremented === undefined || incremented[0] !== null)
      throw incremented?.[0] ?? new Error('INCR failed');
    return Number(incremented[1]);
  }

  async invalidate(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
