import {
  deepFreeze,
  type ServiceConfig,
  serviceConfigFrom,
  type TracingConfig,
  tracingConfigFrom,
  validateEnv,
} from '@switchyard/config';
import { type CreditHoldsOptions, holdsConfig } from '@switchyard/holds';
import { GatewayEnv } from './gateway-env';

/** The gateway's configuration: its environment validated and mapped once at boot, then frozen. */
export interface GatewayConfig extends ServiceConfig {
  readonly http: {
    readonly port: number;
    readonly host: string;
    /** A client must send its whole request in this time (slowloris guard); idle keep-alives close after the other. */
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    /** A request body's size (on the wire and inflated), JSON depth and element count. */
    readonly body: { readonly limitBytes: number; readonly maxDepth: number; readonly maxElements: number };
  };
  readonly catalog: { readonly path: string; readonly simulatedProviderUrl: string };
  readonly providers: { readonly openAiApiKey: string | null };
  readonly keys: { readonly cacheTtlMs: number };
  /** The gateway's CreditHolds: the same key prefix and hold lifetime billing uses (holdsConfig). */
  readonly holds: Readonly<CreditHoldsOptions>;
  /** Credits reserved per team for about this many requests at a time; 0 = one hold in Redis per request. */
  readonly leases: { readonly requestsPerTopUp: number };
  readonly usage: { readonly spoolDir: string; readonly spoolReplayMs: number; readonly deliveryWindowMs: number };
  /** Defaults for keys without their own limits, and the per-team limits; 0 = unlimited. */
  readonly rateLimits: {
    readonly keyRpm: number;
    readonly keyTpm: number;
    readonly teamRpm: number;
    readonly teamTpm: number;
  };
  readonly streaming: { readonly stallTimeoutMs: number };
  /** OTLP trace export (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set): the request's spans. */
  readonly tracing: TracingConfig;
}

/** Where Nest providers find the GatewayConfig. Nothing else reads the environment. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function gatewayConfigFrom(env: GatewayEnv): GatewayConfig {
  return deepFreeze({
    ...serviceConfigFrom(env),
    http: {
      port: env.GATEWAY_PORT,
      host: env.GATEWAY_HOST,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
      body: {
        limitBytes: env.BODY_LIMIT_BYTES,
        maxDepth: env.BODY_MAX_JSON_DEPTH,
        maxElements: env.BODY_MAX_JSON_ELEMENTS,
      },
    },
    catalog: { path: env.CATALOG_PATH, simulatedProviderUrl: env.SIMULATED_PROVIDER_URL },
    providers: { openAiApiKey: env.OPENAI_API_KEY ?? null },
    keys: { cacheTtlMs: env.KEY_CACHE_TTL_MS },
    holds: holdsConfig(env),
    leases: { requestsPerTopUp: env.CREDIT_LEASE_REQUESTS },
    usage: {
      spoolDir: env.USAGE_SPOOL_DIR,
      spoolReplayMs: env.USAGE_SPOOL_REPLAY_MS,
      deliveryWindowMs: env.USAGE_DELIVERY_WINDOW_MS,
    },
    rateLimits: {
      keyRpm: env.RATE_LIMIT_KEY_RPM,
      keyTpm: env.RATE_LIMIT_KEY_TPM,
      teamRpm: env.RATE_LIMIT_TEAM_RPM,
      teamTpm: env.RATE_LIMIT_TEAM_TPM,
    },
    streaming: { stallTimeoutMs: env.STREAM_STALL_TIMEOUT_MS },
    tracing: tracingConfigFrom(env, 'switchyard-gateway'),
  });
}

/** Validates the raw environment (every bad variable listed at once, as a ConfigError) and maps it. */
export function loadGatewayConfig(rawEnv: Record<string, string | undefined>): GatewayConfig {
  return gatewayConfigFrom(validateEnv(GatewayEnv, rawEnv));
}
