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

  async invalidate(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
}
