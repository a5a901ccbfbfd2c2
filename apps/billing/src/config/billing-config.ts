import {
  deepFreeze,
  type ServiceConfig,
  serviceConfigFrom,
  type TracingConfig,
  tracingConfigFrom,
  validateEnv,
} from '@switchyard/config';
import { type CreditHoldsOptions, holdsConfig } from '@switchyard/holds';
import { BillingEnv } from './billing-env';

/** Billing's configuration: its environment validated and mapped once at boot, then frozen. */
export interface BillingConfig extends ServiceConfig {
  /** trustProxy: Express's `trust proxy` setting (TRUST_PROXY). */
  readonly http: { readonly port: number; readonly host: string; readonly trustProxy: TrustProxy };
  /** The web console: where its build is, how long a sign-in lasts, how often a client may try. */
  readonly console: {
    readonly dir: string;
    readonly sessionTtlMs: number;
    readonly signIn: { readonly limit: number; readonly windowMs: number };
  };
  /** Made a write, all-teams admin token at boot when set (ADMIN_TOKEN). */
  readonly admin: { readonly bootstrapToken: string | null };
  /** The usage-event worker: jobs held at once, and how their events are micro-batched. */
  readonly usage: {
    readonly concurrency: number;
    readonly batchSize: number;
    readonly batchWaitMs: number;
    readonly batchesInFlight: number;
  };
  /** Billing's CreditHolds: the same key prefix and hold lifetime the gateways use (holdsConfig). */
  readonly holds: Readonly<CreditHoldsOptions>;
  /** OTLP trace export (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set): a span per usage batch. */
  readonly tracing: TracingConfig;
}

export type TrustProxy = boolean | number | string;

/** TRUST_PROXY as Express takes it: a boolean, a hop count, or the addresses to trust. */
export function trustProxyOf(value: string | undefined): TrustProxy {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** Where Nest providers find the BillingConfig. Nothing else reads the environment. */
export const BILLING_CONFIG = Symbol('BILLING_CONFIG');

export function billingConfigFrom(env: BillingEnv): BillingConfig {
  return deepFreeze({
    ...serviceConfigFrom(env),
    http: { port: env.BILLING_PORT, host: env.BILLING_HOST, trustProxy: trustProxyOf(env.TRUST_PROXY) },
    console: {
      dir: env.CONSOLE_DIR,
      sessionTtlMs: env.CONSOLE_SESSION_TTL_MS,
      signIn: { limit: env.CONSOLE_SIGNIN_LIMIT, windowMs: env.CONSOLE_SIGNIN_WINDOW_MS },
    },
    admin: { bootstrapToken: env.ADMIN_TOKEN ?? null },
    usage: {
      concurrency: env.BILLING_CONCURRENCY,
      batchSize: env.BILLING_BATCH_SIZE,
      batchWaitMs: env.BILLING_BATCH_WAIT_MS,
      batchesInFlight: env.BILLING_BATCHES_IN_FLIGHT,
    },
    holds: holdsConfig(env),
    tracing: tracingConfigFrom(env, 'switchyard-billing'),
  });
}

/** Validates the raw environment (every bad variable listed at once, as a ConfigError) and maps it. */
export function loadBillingConfig(rawEnv: Record<string, string | undefined>): BillingConfig {
  return billingConfigFrom(validateEnv(BillingEnv, rawEnv));
}
