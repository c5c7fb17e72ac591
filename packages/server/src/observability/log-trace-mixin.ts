import { isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * A pino `mixin`: every line logged inside a span carries `trace_id` and `span_id`, so a log
 * line leads to its trace. Outside a span (or with tracing off) it adds nothing.
 */
export function traceIdsMixin(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const ids = span.spanContext();
  return isSpanContextValid(ids) ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
}
