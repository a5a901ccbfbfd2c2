import { deepFreeze } from './deep-freeze.util';
import { envFlag } from './env-flag.util';
import type { LogLevel, NodeEnvironment, ServiceEnv } from './service-env';

/** What every Switchyard service is configured with (ServiceEnv, mapped once at boot). */
export interface ServiceConfig {
  readonly environment: NodeEnvironment;
  readonly database: { readonly url: string };
  /** `prefix` namespaces every Redis key and the BullMQ queue; equal on gateway and billing. */
  readonly redis: { readonly url: string; readonly prefix: string };
  /** The pino level, resolved: LOG_LEVEL, else `warn` under test, else `info`. */
  readonly logging: { readonly level: LogLevel };
  /** How long open requests, streams and in-flight jobs get to finish on SIGTERM. */
  readonly shutdown: { readonly timeoutMs: number };
  /** `*`, a comma-separated list of origins, or empty: CORS off. */
  readonly cors: { readonly origins: string };
  readonly docs: { readonly enabled: boolean };
}

/** The shared part of an app's config object, from its validated env DTO. */
export function serviceConfigFrom(env: ServiceEnv): ServiceConfig {
  return deepFreeze({
    environment: env.NODE_ENV,
    database: { url: env.DATABASE_URL },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    logging: { level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info') },
    shutdown: { timeoutMs: env.SHUTDOWN_TIMEOUT_MS },
    cors: { origins: env.CORS_ORIGINS },
    docs: { enabled: envFlag(env.DOCS_ENABLED) },
  });
}
