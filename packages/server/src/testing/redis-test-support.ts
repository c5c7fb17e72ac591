import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis server tests talk to: a real one, never a mock. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  readonly url: string;
  /** Unique per call: every key a test writes starts with it, so parallel tests never meet. */
  readonly prefix: string;
  readonly redis: Redis;
  /** Deletes every key under the prefix and closes the connection. */
  cleanup(): Promise<void>;
}

/**
 * Connects to the test Redis with a key prefix of its own. Fails at once with a message that
 * says which server was expected when it cannot be reached, instead of hanging on retries.
 */
export async function connectTestRedis(): Promise<TestRedis> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Redis is not reachable at ${TEST_REDIS_URL} (set TEST_REDIS_URL): ${(error as Error).message}`,
    );
  }
  const prefix = `swtest:${randomUUID().slice(0, 8)}:`;
  return {
    url: TEST_REDIS_URL,
    prefix,
    redis,
    cleanup: async () => {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}
