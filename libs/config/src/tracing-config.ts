import type { ServiceEnv } from './service-env';

/** Where and as what a service exports its traces; `tracesUrl: null` means tracing is off. */
export interface TracingConfig {
  /** The OTLP/HTTP traces endpoint, or null: no SDK is loaded and no span is made. */
  readonly tracesUrl: string | null;
  readonly serviceName: string;
}

type TracingEnv = Pick<
  ServiceEnv,
  'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_SERVICE_NAME'
>;

/**
 * The OTel spec's resolution: a signal-specific endpoint is used as given, the general one gets
 * `/v1/traces` appended (after any path it has, so a collector behind a prefix works).
 */
export function tracingConfigFrom(env: TracingEnv, defaultServiceName: string): TracingConfig {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : null);
  return Object.freeze({ tracesUrl, serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName });
}
