import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Every span SyncWell makes comes from this tracer; without `startTracing` it is the API's no-op. */
export const tracer = trace.getTracer('syncwell');

export interface Tracing {
  /** Flushes spans still buffered and stops exporting. */
  close(): Promise<void>;
}

let active: { provider: NodeTracerProvider; users: number } | undefined;

/**
 * Turns tracing on for this process when an OTLP endpoint is configured: W3C trace context
 * propagation, async context tracking, and batched OTLP/HTTP (JSON) export. Off by default:
 * then every span call below is the OpenTelemetry API's no-op and nothing is propagated.
 * The SDK's globals are per process, so runtimes sharing a process share one provider. The SDK
 * and exporter are imported only then: a process without tracing does not load them.
 *
 * @example
 *   const tracing = await startTracing({ url: 'http://collector:4318/v1/traces', serviceName: 'syncwell-worker' });
 *   await tracing.close();
 */
export async function startTracing(options: {
  url: string | undefined;
  serviceName: string;
}): Promise<Tracing> {
  if (options.url === undefined) return { close: () => Promise.resolve() };
  const [{ BatchSpanProcessor, NodeTracerProvider }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
  if (active === undefined) {
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName }),
      spanProcessors: [
        new BatchSpanProcessor(new OTLPTraceExporter({ url: options.url }), { scheduledDelayMillis: 500 }),
      ],
    });
    provider.register();
    active = { provider, users: 0 };
  }
  const current = active;
  current.users += 1;
  let closed = false;
  return {
    close: async () => {
      if (closed) return;
      closed = true;
      current.users -= 1;
      if (current.users > 0) {
        await current.provider.forceFlush();
        return;
      }
      active = undefined;
      await current.provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}

/**
 * Runs `fn` inside a new span (child of the active one), ending it when `fn` settles and marking
 * it failed when `fn` throws. Attributes must be bounded and free of user data: ids of rows are
 * fine in spans (they are not labels), values never.
 */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  options: { kind?: SpanKind; parent?: Context } = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer.startActiveSpan(
    name,
    { attributes, kind: options.kind ?? SpanKind.INTERNAL },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The active span's W3C `traceparent`, or undefined when tracing is off or nothing is active. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const value = carrier.traceparent;
  return value !== undefined && TRACEPARENT.test(value) ? value : undefined;
}

/** The context a `traceparent` (from a job, a request) continues; the active one when absent. */
export function contextFrom(traceparent: string | undefined): Context {
  if (traceparent === undefined) return context.active();
  return propagation.extract(context.active(), { traceparent });
}

export { SpanKind };
