import { ServiceEnv } from './service-env';
import { tracingConfigFrom } from './tracing-config';
import { ConfigError, validateEnv } from './validate-env';

const tracingOf = (raw: Record<string, string>) =>
  tracingConfigFrom(validateEnv(ServiceEnv, raw), 'switchyard-gateway');

describe(tracingConfigFrom.name, () => {
  it('is off by default, under the app’s own service name', () => {
    expect(tracingOf({})).toEqual({ tracesUrl: null, serviceName: 'switchyard-gateway' });
  });

  it('sends traces to <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces, keeping a path prefix', () => {
    expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracesUrl).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/otlp/' }).tracesUrl).toBe(
      'https://otel.example.com/otlp/v1/traces',
    );
  });

  it('uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as given, over the general endpoint', () => {
    const config = tracingOf({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/ingest',
    });
    expect(config.tracesUrl).toBe('http://traces:9999/ingest');
  });

  it('respects OTEL_SERVICE_NAME', () => {
    expect(tracingOf({ OTEL_SERVICE_NAME: 'gw-eu-1' }).serviceName).toBe('gw-eu-1');
  });

  it('refuses an endpoint that is not an http(s) URL', () => {
    expect(() => tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' })).toThrow(ConfigError);
    expect(() => tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(ConfigError);
  });
});
