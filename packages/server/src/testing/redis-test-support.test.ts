import { describe, expect, it } from 'vitest';
import { connectTestRedis } from './redis-test-support.js';

describe('connectTestRedis', () => {
  it('isolates keys under a prefix and removes them on cleanup', async () => {
    const a = await connectTestRedis();
    const b = await connectTestRedis();
    expect(a.prefix).not.toBe(b.prefix);
    await a.redis.set(`${a.prefix}k`, '1');
    expect(await b.redis.exists(`${b.prefix}k`)).toBe(0);
    await a.cleanup();
    expect(await b.redis.exists(`${a.prefix}k`)).toBe(0);
    await b.cleanup();
  });
});
