import { describe, expect, it } from 'vitest';
import { withEnqueueDeadline } from './enqueue-deadline.js';
import { createMemoryQueue } from './memory/memory-queue.js';
import type { JobQueue } from './port.js';

const payload = { runId: '5b0f0e4e-8a51-4c4e-9d4e-3f2b8c1d2a10' };

describe('withEnqueueDeadline', () => {
  it('passes enqueues through when the queue answers in time', async () => {
    const queue = withEnqueueDeadline(createMemoryQueue(), 1_000);
    await expect(queue.enqueue({ name: 'sync-run', payload })).resolves.toMatchObject({
      deduplicated: false,
    });
    expect((await queue.counts()).waiting).toBe(1);
    await queue.close();
  });

  it('fails fast with SW_NOT_READY when the queue hangs (Redis away)', async () => {
    const inner = createMemoryQueue();
    const hanging: JobQueue = { ...inner, enqueue: () => new Promise(() => undefined) };
    const started = Date.now();
    await expect(
      withEnqueueDeadline(hanging, 50).enqueue({ name: 'sync-run', payload }),
    ).rejects.toMatchObject({
      code: 'SW_NOT_READY',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    await inner.close();
  });
});
