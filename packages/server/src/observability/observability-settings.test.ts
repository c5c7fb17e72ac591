import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/config-error.js';
import { loadObservabilitySettings } from './observability-settings.js';

describe('loadObservabilitySettings', () => {
  it('is off by default: no metrics port, no token, no traces', () => {
    expect(loadObservabilitySettings({})).toEqual({
      metricsPort: undefined,
      metricsHost: '0.0.0.0',
      metricsToken: undefined,
      otlpTracesUrl: undefined,
    });
  });

  it('appends /v1/traces to the general OTLP endpoint; the traces-specific one is used as is', () => {
    expect(
      loadObservabilitySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).otlpTracesUrl,
    ).toBe('http://collector:4318/v1/traces');
    expect(loadObservabilitySettings({ SYNCWELL_OTLP_URL: 'http://c:4318' }).otlpTracesUrl).toBe(
      'http://c:4318/v1/traces',
    );
    expect(
      loadObservabilitySettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom',
      }).otlpTracesUrl,
    ).toBe('http://b:4318/custom');
  });

  it('refuses a bad port or URL with the setting named', () => {
    expect(() => loadObservabilitySettings({ SYNCWELL_METRICS_PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadObservabilitySettings({ SYNCWELL_METRICS_PORT: 'abc' })).toThrow(
      /SYNCWELL_METRICS_PORT/,
    );
    expect(() => loadObservabilitySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://x' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});
