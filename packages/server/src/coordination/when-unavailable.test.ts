import { describe, expect, it } from 'vitest';
import { orWhenUnavailable } from './when-unavailable.js';

describe('orWhenUnavailable: the API goes on without Redis', () => {
  it("gives the work's answer when it comes in time", async () => {
    expect(await orWhenUnavailable(Promise.resolve('cached'), 'fallback', 1_000)).toBe('cached');
  });

  it('gives the fallback when the work fails', async () => {
    expect(await orWhenUnavailable(Promise.reject(new Error('ECONNREFUSED')), 'fallback')).toBe('fallback');
  });

  it('gives the fallback when the work never answers (commands queued while Redis is down)', async () => {
    const never = new Promise<string>(() => undefined);
    expect(await orWhenUnavailable(never, 'fallback', 5)).toBe('fallback');
  });
});
