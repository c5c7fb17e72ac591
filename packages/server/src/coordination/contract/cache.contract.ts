import { describe, expect, it } from 'vitest';
import type { CoordinationAdapter } from '../port.js';

export function describeCacheContract(make: () => Promise<CoordinationAdapter>): void {
  describe('cache', () => {
    it('returns what was set, null for a missing key, and overwrites', async () => {
      const { cache } = await make();
      expect(await cache.get('rule-config:1')).toBeNull();
      await cache.set('rule-config:1', '{"types":["workout"]}', 10_000);
      expect(await cache.get('rule-config:1')).toBe('{"types":["workout"]}');
      await cache.set('rule-config:1', 'v2', 10_000);
      expect(await cache.get('rule-config:1')).toBe('v2');
      expect(await cache.get('rule-config:2')).toBeNull();
    });

    it('forgets an invalidated key, and invalidating a missing key is fine', async () => {
      const { cache } = await make();
      await cache.set('k', 'v', 10_000);
      await cache.invalidate('k');
      await cache.invalidate('never-set');
      expect(await cache.get('k')).toBeNull();
    });

    it('expires entries after their TTL', async () => {
      const { cache } = await make();
      await cache.set('short', 'v', 30);
      await cache.set('long', 'v', 10_000);
      await new Promise((r) => setTimeout(r, 60));
      expect(await cache.get('short')).toBeNull();
      expect(await cache.get('long')).toBe('v');
    });

    it('counts increments atomically, restarts after invalidation and after expiry', async () => {
      const { cache } = await make();
      const counts = await Promise.all(Array.from({ length: 20 }, () => cache.increment('fails', 10_000)));
      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await cache.get('fails')).toBe('20');
      await cache.invalidate('fails');
      expect(await cache.increment('fails', 10_000)).toBe(1);
      expect(await cache.increment('short-count', 30)).toBe(1);
      await new Promise((r) => setTimeout(r, 60));
      expect(await cache.increment('short-count', 30)).toBe(1);
      await expect(cache.increment('fails', 0)).rejects.toMatchObject({ code: 'SW_CONFIG_INVALID' });
    });

    it('refuses a non-positive TTL', async () => {
      const { cache } = await make();
      await expect(cache.set('k', 'v', 0)).rejects.toMatchObject({ code: 'SW_CONFIG_INVALID' });
    });
  });
}
