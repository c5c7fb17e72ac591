import { z } from 'zod';
import { ConfigError } from '../config/config-error.js';
import { optionalHttpUrl, optionalIntInRange, optionalText, textWithDefault } from '../config/env-fields.js';

/** Where metrics are served and traces go (docs/observability.md). Parsed once at boot. */
export interface ObservabilitySettings {
  /** The worker, scheduler and insights roles serve `/metrics` here; unset: no metrics port. */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
  /** Set: `/metrics` (api route and metrics port) wants `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  /** OTLP/HTTP traces endpoint (…/v1/traces); unset: tracing stays the API's no-op. */
  readonly otlpTracesUrl: string | undefined;
}

const schema = z.object({
  SYNCWELL_METRICS_PORT: optionalIntInRange(0, 65_535),
  SYNCWELL_METRICS_HOST: textWithDefault('0.0.0.0'),
  SYNCWELL_METRICS_TOKEN: optionalText(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalHttpUrl(),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalHttpUrl(),
  SYNCWELL_OTLP_URL: optionalHttpUrl(),
});

export function loadObservabilitySettings(
  env: Readonly<Record<string, string | undefined>>,
): ObservabilitySettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'SYNCWELL_METRICS'), issue?.message ?? 'is invalid');
  }
  const e = parsed.data;
  // The OpenTelemetry convention: the signal-specific variable is the full URL, the general one
  // is a base to which /v1/traces is appended.
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT ?? e.SYNCWELL_OTLP_URL;
  return Object.freeze({
    metricsPort: e.SYNCWELL_METRICS_PORT,
    metricsHost: e.SYNCWELL_METRICS_HOST,
    metricsToken: e.SYNCWELL_METRICS_TOKEN,
    otlpTracesUrl:
      e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base === undefined ? undefined : `${base}/v1/traces`),
  });
}
