import { trace } from '@opentelemetry/api';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryQueue } from '../queue/memory/memory-queue.js';
import { DelayJobError, type JobQueue, type QueueJob } from '../queue/port.js';
import { instrumentQueue, observeQueueDepth } from './instrumented-queue.js';
import { parseMetricsText, sumOf } from './metrics-text-test-support.js';
import { createSyncWellMetrics, renderMetrics } from './sync-metrics.js';
import { inSpan } from './tracing.js';
import { installInMemoryTracing } from './tracing-test-support.js';

const RUN = '6f1c1e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';

describe('instrumentQueue', () => {
  let queue: JobQueue | undefined;
  afterEach(async () => {
    await queue?.close(1_000);
  });

  function setUp() {
    const metrics = createSyncWellMetrics(new Registry());
    queue = instrumentQueue(createMemoryQueue({ retry: { attempts: 2, baseMs: 1, capMs: 1 } }), metrics);
    return { metrics, queue };
  }

  it('with tracing off, stamps nothing into the job and still counts', async () => {
    const { metrics, queue } = setUp();
    const seen: QueueJob[] = [];
    queue.process(
      (job) => {
        seen.push(job);
        return Promise.resolve();
      },
      { concurrency: 1 },
    );
    await queue.enqueue({ name: 'sync-run', payload: { runId: RUN }, priority: 'manual' });
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]?.payload).toEqual({ runId: RUN });
    const samples = parseMetricsText(await renderMetrics(metrics));
    expect(sumOf(samples, 'syncwell_queue_jobs_enqueued_total', { priority: 'manual' })).toBe(1);
    await expect
      .poll(async () =>
        sumOf(parseMetricsText(await renderMetrics(metrics)), 'syncwell_queue_job_attempts_total', {
          priority: 'manual',
          result: 'completed',
        }),
      )
      .toBe(1);
  });

  it('counts retries, dead letters and delays apart, and reads depth on scrape', async () => {
    const { metrics, queue } = setUp();
    observeQueueDepth(queue, metrics);
    let delayed = false;
    queue.process(
      (job) => {
        if (job.payload.ruleId !== undefined && !delayed) {
          delayed = true;
          return Promise.reject(new DelayJobError(5, 'SW_PROVIDER_RATE_LIMITED'));
        }
        return job.payload.ruleId === undefined
          ? Promise.reject(new Error('provider down'))
          : Promise.resolve();
      },
      { concurrency: 1 },
    );
    await queue.enqueue({ name: 'sync-run', payload: { runId: RUN } });
    await queue.enqueue({ name: 'sync-run', payload: { ruleId: RUN } });
    const count = async (result: string) =>
      sumOf(parseMetricsText(await renderMetrics(metrics)), 'syncwell_queue_job_attempts_total', { result });
    await expect.poll(() => count('dead_lettered')).toBe(1);
    await expect.poll(() => count('completed')).toBe(1);
    expect(await count('retried')).toBe(1);
    expect(await count('delayed')).toBe(1);
    const samples = parseMetricsText(await renderMetrics(metrics));
    expect(sumOf(samples, 'syncwell_rate_budget_waits_total', { code: 'SW_PROVIDER_RATE_LIMITED' })).toBe(1);
    expect(sumOf(samples, 'syncwell_queue_dead_letters')).toBe(1);
  });

  it('with tracing on, the job carries the enqueuer’s traceparent and its span continues that trace', async () => {
    const tracing = installInMemoryTracing();
    try {
      const { queue } = setUp();
      let insideJob: string | undefined;
      queue.process(
        () => {
          insideJob = trace.getActiveSpan()?.spanContext().traceId;
          return Promise.resolve();
        },
        { concurrency: 1 },
      );
      const parent = await inSpan('POST /v1/rules/:id/sync', {}, async (span) => {
        await queue.enqueue({ name: 'sync-run', payload: { runId: RUN }, priority: 'manual' });
        return span.spanContext();
      });
      await expect.poll(() => tracing.spans().some((s) => s.name === 'job sync-run')).toBe(true);
      const job = tracing.spans().find((s) => s.name === 'job sync-run');
      const enqueue = tracing.spans().find((s) => s.name === 'enqueue sync-run');
      expect(enqueue?.parentSpanContext?.spanId).toBe(parent.spanId);
      expect(job?.spanContext().traceId).toBe(parent.traceId);
      expect(job?.parentSpanContext?.spanId).toBe(enqueue?.spanContext().spanId);
      expect(insideJob).toBe(parent.traceId);
    } finally {
      await tracing.stop();
    }
  });
});
