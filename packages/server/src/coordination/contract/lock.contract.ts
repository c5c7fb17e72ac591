import { describe, expect, it } from 'vitest';
import type { CoordinationAdapter } from '../port.js';

export function describeLockContract(make: () => Promise<CoordinationAdapter>): void {
  describe('locks', () => {
    it('grants a lock to one holder at a time', async () => {
      const c = await make();
      const first = await c.acquireLock('rule:a', 10_000);
      expect(first).not.toBeNull();
      expect(await c.acquireLock('rule:a', 10_000)).toBeNull();
      expect(await c.acquireLock('rule:b', 10_000)).not.toBeNull();
      await first!.release();
      expect(await c.acquireLock('rule:a', 10_000)).not.toBeNull();
      await c.close();
    });

    it('hands out strictly increasing fencing tokens per key', async () => {
      const c = await make();
      const tokens: number[] = [];
      for (let i = 0; i < 3; i++) {
        const lock = await c.acquireLock('rule:f', 10_000);
        tokens.push(lock!.fencingToken);
        await lock!.release();
      }
      expect(tokens[1]).toBeGreaterThan(tokens[0]!);
      expect(tokens[2]).toBeGreaterThan(tokens[1]!);
      await c.close();
    });

    it('lets an expired lock be taken over, after which the old holder cannot renew', async () => {
      const c = await make();
      const old = await c.acquireLock('rule:x', 30);
      await new Promise((r) => setTimeout(r, 60));
      const taker = await c.acquireLock('rule:x', 10_000);
      expect(taker).not.toBeNull();
      expect(taker!.fencingToken).toBeGreaterThan(old!.fencingToken);
      expect(await old!.renew(10_000)).toBe(false);
      await old!.release(); // must not release the new holder's lock
      expect(await c.acquireLock('rule:x', 10_000)).toBeNull();
      await c.close();
    });

    it('renews a held lock past its first TTL', async () => {
      const c = await make();
      // Generous first TTL: a busy shared machine must not expire it before the renew lands.
      const lock = await c.acquireLock('rule:r', 150);
      expect(await lock!.renew(10_000)).toBe(true);
      await new Promise((r) => setTimeout(r, 250));
      expect(await c.acquireLock('rule:r', 10_000)).toBeNull();
      await lock!.release();
      await c.close();
    });

    it('grants exactly one of many parallel acquisitions, each token unique', async () => {
      const c = await make();
      const locks = await Promise.all(Array.from({ length: 20 }, () => c.acquireLock('rule:p', 10_000)));
      expect(locks.filter((l) => l !== null)).toHaveLength(1);
      await c.close();
    });

    it('refuses a non-positive TTL with a stable code', async () => {
      const c = await make();
      await expect(c.acquireLock('rule:t', 0)).rejects.toMatchObject({ code: 'SW_CONFIG_INVALID' });
      await c.close();
    });
  });
}
