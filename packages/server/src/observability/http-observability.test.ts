import { trace } from '@opentelemetry/api';
import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { installHttpObservability } from './http-observability.js';
import { startMetricsServer } from './metrics-server.js';
import { parseMetricsText, sumOf } from './metrics-text-test-support.js';
import { createSyncWellMetrics } from './sync-metrics.js';
import { installInMemoryTracing } from './tracing-test-support.js';

async function appWith(token: string | undefined) {
  const metrics = createSyncWellMetrics(new Registry());
  const app = Fastify();
  installHttpObservability(app, { metrics, token });
  app.post('/v1/things/:id', () =>
    Promise.resolve({ traceId: trace.getActiveSpan()?.spanContext().traceId ?? null }),
  );
  app.post('/v1/webhooks/:provider', async (_request, reply) => reply.code(401).send({}));
  await app.ready();
  return { app, metrics };
}

describe('installHttpObservability', () => {
  it('serves /metrics behind the optional bearer token', async () => {
    const { app } = await appWith('s3cret');
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong!' } })).statusCode,
    ).toBe(401);
    const ok = await app.inject({ url: '/metrics', headers: { authorization: 'Bearer s3cret' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('# HELP syncwell_sync_jobs_total KPI SyncSuccessRate');
    await app.close();
  });

  it('times requests by route template and counts webhook receipts by provider and result', async () => {
    const { app } = await appWith(undefined);
    await app.inject({ method: 'POST', url: '/v1/things/12345', payload: { a: 1 } });
    await app.inject({ method: 'POST', url: '/v1/webhooks/strava', payload: {} });
    await app.inject({ method: 'POST', url: '/v1/webhooks/not-a-provider-0123456789', payload: {} });
    const samples = parseMetricsText((await app.inject({ url: '/metrics' })).body);
    expect(
      sumOf(samples, 'syncwell_http_request_duration_seconds_count', {
        route: '/v1/things/:id',
        status: '200',
      }),
    ).toBe(1);
    expect(
      sumOf(samples, 'syncwell_webhook_receipts_total', { provider: 'strava', result: 'rejected' }),
    ).toBe(1);
    expect(
      sumOf(samples, 'syncwell_webhook_receipts_total', { provider: 'unknown', result: 'rejected' }),
    ).toBe(1);
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('12345')))).toBe(false);
    await app.close();
  });

  it('continues an incoming traceparent and keeps the span active in the handler (after the body is read)', async () => {
    const tracing = installInMemoryTracing();
    try {
      const { app } = await appWith(undefined);
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const response = await app.inject({
        method: 'POST',
        url: '/v1/things/1',
        headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
        payload: { a: 1 },
      });
      expect(response.json()).toEqual({ traceId });
      const span = tracing.spans().find((s) => s.name === 'POST /v1/things/:id');
      expect(span?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
      await app.close();
    } finally {
      await tracing.stop();
    }
  });
});

describe('startMetricsServer', () => {
  it('answers /metrics (with the token) and 404 elsewhere', async () => {
    const metrics = createSyncWellMetrics(new Registry());
    metrics.syncJobs.inc({ trigger: 'manual', outcome: 'succeeded', error_code: '' });
    const server = await startMetricsServer({ metrics, host: '127.0.0.1', port: 0, token: 't' });
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${server.url}/other`, { headers: { authorization: 'Bearer t' } })).status).toBe(
        404,
      );
      const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer t' } });
      expect(ok.status).toBe(200);
      const samples = parseMetricsText(await ok.text());
      expect(sumOf(samples, 'syncwell_sync_jobs_total', { trigger: 'manual' })).toBe(1);
    } finally {
      await server.close();
    }
  });
});
