import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from '../backoff.js';
import { describeQueueContract } from '../queue.contract.js';
import { createMemoryQueue } from './memory-queue.js';

describeQueueContract('memory', (retry) => {
  const queue = createMemoryQueue({ retry });
  return Promise.resolve({
    queue,
    cleanup: async () => {
      await queue.close(1_000);
    },
  });
});

describe('memory queue timing', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits on one timer per delayed job instead of polling', async () => {
    vi.useFakeTimers();
    const queue = createMemoryQueue();
    const ran: string[] = [];
    queue.process(
      (j) => {
        ran.push(j.id);
        return Promise.resolve();
      },
      { concurrency: 1 },
    );
    await queue.enqueue({ name: 'n', payload: { runId: randomUUID() }, delayMs: 60_000, jobId: 'later' });
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(['later']);
    expect(vi.getTimerCount()).toBe(0);
    await queue.close();
  });

  it('schedules retries on the backoff curve of its policy', async () => {
    vi.useFakeTimers();
    const queue = createMemoryQueue({ retry: { attempts: 4, baseMs: 1_000, capMs: 3_000 }, random: () => 1 });
    const at: number[] = [];
    queue.process(
      async () => {
        at.push(Date.now());
        await Promise.resolve();
        throw new Error('503');
      },
      { concurrency: 1 },
    );
    const start = Date.now();
    await queue.enqueue({ name: 'n', payload: { runId: randomUUID() } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(at.map((t) => t - start)).toEqual([0, 1_000, 3_000, 6_000]);
    expect((await queue.counts()).deadLettered).toBe(1);
    await queue.close();
  });
});

describe('backoffDelay', () => {
  const policy = { attempts: 5, baseMs: 100, capMs: 1_000 };

  it('doubles per retry up to the cap, with jitter in the upper half', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n, () => 0))).toEqual([50, 100, 200, 400, 500]);
    for (let i = 0; i < 200; i += 1) {
      const delay = backoffDelay(policy, 3);
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});
