import { SyncWellError } from '@syncwell/core';
import type { JobQueue } from './port.js';

/**
 * Bounds how long an enqueue may wait. BullMQ's connection queues commands while Redis is away
 * (so workers resume on their own), which would hold an API request open for as long as the
 * outage lasts; the API would rather answer at once. The run row is already written, so the
 * scheduler's sweep enqueues it when Redis is back: nothing is lost by giving up here.
 */
export function withEnqueueDeadline(queue: JobQueue, deadlineMs: number): JobQueue {
  const lag = queue.lag?.bind(queue);
  return {
    process: (handler, opts) => queue.process(handler, opts),
    counts: () => queue.counts(),
    deadLetters: (limit) => queue.deadLetters(limit),
    close: (ms) => queue.close(ms),
    ...(lag ? { lag } : {}),
    enqueue: (job) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new SyncWellError('SW_NOT_READY', `The queue did not accept the job within ${deadlineMs} ms`),
            ),
          deadlineMs,
        );
      });
      return Promise.race([queue.enqueue(job), deadline]).finally(() => clearTimeout(timer));
    },
  };
}
