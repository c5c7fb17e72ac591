import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncWellApiClient } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { exportedMetricNames } from '../observability/exported-metric-names.js';
import {
  parseMetricsText,
  suspiciousLabelValues,
  sumOf,
  type Sample,
} from '../observability/metrics-text-test-support.js';
import {
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedSpan,
} from '../observability/otlp-receiver-test-support.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import type { RoleProcess } from './role-process.js';

/**
 * Metrics, traces and logs on the production layout (issue 11 §1–3): PostgreSQL + Redis, an api
 * and a worker process exporting spans to a local OTLP receiver. One manual sync must be one
 * trace: the API request → (traceparent in the job) → the worker's job → each provider call and
 * each store commit; the worker's log lines inside it carry its trace id; both processes'
 * metrics count it, with no label that looks like an id or a value.
 */
describe('observability on PostgreSQL + Redis with separate api and worker processes', () => {
  const TOKEN = 'scrape-secret';
  let receiver: OtlpReceiver;
  let stack: ProcessStack;
  let worker: RoleProcess;
  let workerMetricsUrl: string;
  let client: SyncWellApiClient;
  let ruleId: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const metricsPort = await freePort();
    workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    stack = await startProcessStack({
      seed: 41,
      polarWorkouts: 2,
      uploadProcessingMs: 20,
      startTimeoutMs: 60_000,
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        SYNCWELL_METRICS_PORT: String(metricsPort),
        SYNCWELL_METRICS_TOKEN: TOKEN,
        LOG_LEVEL: 'info',
      },
    });
    await stack.start('api');
    worker = await stack.start('worker');
    ({ client, ruleId } = await stack.polarToStravaRule('observed@example.com'));
  }, 120_000);
  afterAll(async () => {
    await stack.stop();
    await receiver.close();
  }, 60_000);

  it('one manual sync is one trace from the API request through the queue to provider calls and store commits', async () => {
    const run = await client.syncAndWait(ruleId);
    expect(run.status).toBe('succeeded');

    const trace = await waitForTrace(receiver, (spans) => {
      const job = spans.find((s) => s.name === 'job sync-run' && s.attributes['syncwell.run_id'] === run.id);
      const complete =
        job !== undefined &&
        spans.some((s) => s.name === 'POST /v1/rules/:id/sync' && s.traceId === job.traceId) &&
        spans.some((s) => s.name === 'store commitPage' && s.traceId === job.traceId) &&
        spans.some((s) => s.kind === OTLP_CLIENT && s.traceId === job.traceId);
      return complete ? job.traceId : undefined;
    });
    const request = trace.find((s) => s.name === 'POST /v1/rules/:id/sync');
    const enqueue = trace.find((s) => s.name === 'enqueue sync-run');
    const job = trace.find((s) => s.name === 'job sync-run');
    expect(request?.service).toBe('syncwell-api');
    expect(enqueue?.service).toBe('syncwell-api');
    expect(job?.service).toBe('syncwell-worker');
    // Across processes: request → enqueue (api) → the worker's job, through the job's traceparent.
    expect(enqueue?.parentSpanId).toBe(request?.spanId);
    expect(job?.parentSpanId).toBe(enqueue?.spanId);
    const providerCalls = trace.filter((s) => s.kind === OTLP_CLIENT);
    expect(new Set(providerCalls.map((s) => s.attributes['syncwell.provider']))).toEqual(
      new Set(['polar', 'strava']),
    );
    const commits = trace.filter((s) => s.name === 'store commitPage');
    expect(commits.length).toBeGreaterThan(0);
    for (const span of [...providerCalls, ...commits]) {
      expect(descendsFrom(trace, span, job!.spanId), span.name).toBe(true);
      expect(span.service).toBe('syncwell-worker');
    }
    // Endpoint templates, not raw paths: no provider id in a span name.
    for (const span of providerCalls) expect(span.name).not.toMatch(/\/\d{3,}/);

    // Logs: the worker's line about this run carries the trace id.
    const finished = worker
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map(
        (line) => JSON.parse(line) as { msg?: string; runId?: string; trace_id?: string; span_id?: string },
      )
      .find((line) => line.msg === 'sync run finished' && line.runId === run.id);
    expect(finished?.trace_id).toBe(job?.traceId);
    expect(finished?.span_id).toMatch(/^[0-9a-f]{16}$/);
  }, 90_000);

  it('/metrics on the api and the worker metrics port count the sync, behind the token, with bounded labels', async () => {
    expect((await fetch(`${stack.apiUrl}/metrics`)).status).toBe(401);
    expect((await fetch(workerMetricsUrl)).status).toBe(401);
    const api = await scrape(`${stack.apiUrl}/metrics`, TOKEN);
    const work = await scrape(workerMetricsUrl, TOKEN);

    expect(
      sumOf(work, 'syncwell_sync_jobs_total', { trigger: 'manual', outcome: 'succeeded' }),
    ).toBeGreaterThan(0);
    expect(sumOf(work, 'syncwell_manual_sync_duration_seconds_count')).toBeGreaterThan(0);
    expect(sumOf(work, 'syncwell_user_time_to_first_sync_seconds_count')).toBe(1);
    expect(
      sumOf(work, 'syncwell_provider_requests_total', { provider: 'polar', status: '200' }),
    ).toBeGreaterThan(0);
    expect(sumOf(work, 'syncwell_provider_requests_total', { provider: 'strava' })).toBeGreaterThan(0);
    expect(
      sumOf(work, 'syncwell_queue_job_attempts_total', { priority: 'manual', result: 'completed' }),
    ).toBeGreaterThan(0);
    expect(work.some((s) => s.name === 'syncwell_queue_dead_letters')).toBe(true);
    expect(sumOf(work, 'syncwell_active_users')).toBe(1);
    expect(sumOf(api, 'syncwell_user_signups_total')).toBe(1);
    expect(
      sumOf(api, 'syncwell_http_request_duration_seconds_count', {
        route: '/v1/rules/:id/sync',
        status: '202',
      }),
    ).toBeGreaterThan(0);
    expect(sumOf(api, 'syncwell_queue_jobs_enqueued_total', { priority: 'manual' })).toBeGreaterThan(0);

    expect(suspiciousLabelValues([...api, ...work])).toEqual([]);

    // Every KPI and alert input is exposed by each role (samples appear once something happened).
    const text = await (
      await fetch(workerMetricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    for (const name of await exportedMetricNames()) {
      if (/_(bucket|sum|count)$/.test(name)) continue; // a histogram's series, typed under its base name
      expect(text, name).toContain(`# TYPE ${name} `);
    }
  }, 60_000);
});

/** OTLP numbers span kinds from 1 (internal); 3 is a client span. */
const OTLP_CLIENT = 3;

async function scrape(url: string, token: string): Promise<Sample[]> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return parseMetricsText(await response.text());
}

/** The spans of the trace whose id `complete` returns, once every process has exported them. */
async function waitForTrace(
  receiver: OtlpReceiver,
  complete: (spans: readonly ReceivedSpan[]) => string | undefined,
  timeoutMs = 30_000,
): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const spans = receiver.spans();
    const traceId = complete(spans);
    if (traceId !== undefined) {
      // One more export round so the trace's last spans (provider calls ending late) are in.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return receiver.spans().filter((s) => s.traceId === traceId);
    }
    if (Date.now() > deadline)
      throw new Error(`no complete trace; spans: ${spans.map((s) => s.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function descendsFrom(trace: readonly ReceivedSpan[], span: ReceivedSpan, ancestorId: string): boolean {
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  let parent = span.parentSpanId;
  for (let depth = 0; parent !== undefined && depth < 50; depth++) {
    if (parent === ancestorId) return true;
    parent = byId.get(parent)?.parentSpanId;
  }
  return false;
}
