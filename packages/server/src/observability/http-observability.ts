import { timingSafeEqual } from 'node:crypto';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { PROVIDER_IDS } from '@syncwell/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderMetrics, type SyncWellMetrics } from './sync-metrics.js';
import { tracer } from './tracing.js';

const WEBHOOK_ROUTE = '/v1/webhooks/:provider';
const spans = new WeakMap<FastifyRequest, Span>();

/**
 * The API seen by metrics and traces, through Fastify hooks: a server span per request that
 * continues an incoming `traceparent` and is active while the handler runs (so an enqueued job
 * carries it), the request duration by route template and status, webhook receipts by provider,
 * and `GET /metrics` (hidden from the OpenAPI document: it is for Prometheus, not API clients;
 * with `token` set it wants `Authorization: Bearer <token>`).
 */
export function installHttpObservability(
  app: FastifyInstance,
  options: { metrics: SyncWellMetrics; token: string | undefined },
): void {
  const { metrics, token } = options;
  app.addHook('onRequest', (request, _reply, done) => {
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'http.route': request.routeOptions.url ?? 'unmatched',
        },
      },
      parent,
    );
    spans.set(request, span);
    done();
  });
  // The handler runs after the body is read (stream events lose the async context), so the span
  // is entered here rather than in onRequest.
  app.addHook('preHandler', (request, _reply, done) => {
    const span = spans.get(request);
    if (span === undefined) {
      done();
      return;
    }
    context.with(trace.setSpan(context.active(), span), done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    metrics.httpRequestDuration.observe(
      { method: request.method, route, status: String(status) },
      reply.elapsedTime / 1000,
    );
    if (route === WEBHOOK_ROUTE) {
      const provider = (request.params as { provider?: string }).provider ?? '';
      metrics.webhookReceipts.inc({
        provider: (PROVIDER_IDS as readonly string[]).includes(provider) ? provider : 'unknown',
        result: status >= 200 && status < 300 ? 'accepted' : 'rejected',
      });
    }
    const span = spans.get(request);
    if (span !== undefined) {
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token !== undefined && !bearerMatches(request.headers.authorization, token)) {
      return reply.code(401).header('www-authenticate', 'Bearer').type('text/plain').send('unauthorized\n');
    }
    const body = await renderMetrics(metrics);
    return reply.type(metrics.registry.contentType).send(body);
  });
}

/** Constant-time comparison of `Bearer <token>` against the configured token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
