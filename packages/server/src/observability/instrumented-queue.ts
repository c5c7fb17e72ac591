import { SpanKind } from '@opentelemetry/api';
import { DelayJobError, UnrecoverableJobError, type JobQueue, type QueueJob } from '../queue/port.js';
import type { SyncWellMetrics } from './sync-metrics.js';
import { contextFrom, currentTraceparent, inSpan } from './tracing.js';

/**
 * The queue seen by metrics and traces, around any adapter: enqueue is a producer span whose
 * context is stamped into the job (`traceparent`, ids only) and counts by priority; each execution runs in
 * a consumer span that continues the enqueuer's trace and is counted by result. With tracing
 * off nothing is stamped. Depth, dead letters and lag are read on scrape (`observeQueueDepth`).
 *
 * @example
 *   const queue = instrumentQueue(bullmqQueue, metrics);
 */
export function instrumentQueue(queue: JobQueue, metrics: SyncWellMetrics): JobQueue {
  const instrumented: JobQueue = {
    // A producer span per enqueue: under the request's span for API work, the root of the trace
    // for work the scheduler starts; the job carries this span's context.
    enqueue: (job) =>
      inSpan(
        `enqueue ${job.name}`,
        {
          'messaging.system': 'syncwell',
          'messaging.operation': 'publish',
          'syncwell.job.priority': job.priority ?? 'scheduled',
        },
        async () => {
          const traceparent = currentTraceparent();
          const payload =
            traceparent === undefined || job.payload.traceparent !== undefined
              ? job.payload
              : { ...job.payload, traceparent };
          const result = await queue.enqueue({ ...job, payload });
          metrics.jobsEnqueued.inc({
            priority: job.priority ?? 'scheduled',
            deduplicated: String(result.deduplicated),
          });
          return result;
        },
        { kind: SpanKind.PRODUCER },
      ),
    process: (handler, opts) => {
      queue.process(
        (job) =>
          inSpan(
            `job ${job.name}`,
            {
              'messaging.system': 'syncwell',
              'messaging.operation': 'process',
              'syncwell.job.priority': job.priority,
              'syncwell.job.attempt': job.attempt,
              ...(job.payload.runId === undefined ? {} : { 'syncwell.run_id': job.payload.runId }),
            },
            async () => {
              const stop = metrics.jobDuration.startTimer({ priority: job.priority });
              try {
                await handler(job);
                metrics.jobAttempts.inc({ priority: job.priority, result: 'completed' });
              } catch (error) {
                countFailure(metrics, job, error);
                throw error;
              } finally {
                stop();
              }
            },
            { kind: SpanKind.CONSUMER, parent: contextFrom(job.payload.traceparent) },
          ),
        opts,
      );
    },
    counts: () => queue.counts(),
    deadLetters: (limit) => queue.deadLetters(limit),
    close: (deadlineMs) => queue.close(deadlineMs),
  };
  const lag = queue.lag?.bind(queue);
  return lag === undefined ? instrumented : { ...instrumented, lag };
}

function countFailure(metrics: SyncWellMetrics, job: QueueJob, error: unknown): void {
  if (error instanceof DelayJobError) {
    metrics.jobAttempts.inc({ priority: job.priority, result: 'delayed' });
    metrics.rateBudgetWaits.inc({ code: error.code });
    metrics.rateBudgetWaitSeconds.inc({ code: error.code }, error.delayMs / 1000);
    return;
  }
  const last = error instanceof UnrecoverableJobError || job.attempt >= job.maxAttempts;
  metrics.jobAttempts.inc({ priority: job.priority, result: last ? 'dead_lettered' : 'retried' });
}

/** Reads the shared queue's depth, dead letters and lag when Prometheus scrapes. */
export function observeQueueDepth(queue: JobQueue, metrics: SyncWellMetrics): void {
  metrics.beforeScrape.push(async () => {
    const counts = await queue.counts();
    metrics.queueJobs.set({ state: 'waiting' }, counts.waiting);
    metrics.queueJobs.set({ state: 'delayed' }, counts.delayed);
    metrics.queueJobs.set({ state: 'active' }, counts.active);
    metrics.deadLetters.set(counts.deadLettered);
    if (queue.lag !== undefined) metrics.queueLag.set((await queue.lag()) / 1000);
  });
}
