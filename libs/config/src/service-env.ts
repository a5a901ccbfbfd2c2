import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Min } from 'class-validator';
import { type EnvFlag, IsEnvFlag } from './env-flag.util';
import { IsRedisUrl } from './redis-url.util';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const NODE_ENVIRONMENTS = ['development', 'production', 'test'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type NodeEnvironment = (typeof NODE_ENVIRONMENTS)[number];

/**
 * What every Switchyard service reads: where Postgres and Redis are, how it logs, shuts down
 * and serves its docs. Each app's env DTO extends it with its own variables; serviceConfigFrom
 * maps these to the nested ServiceConfig every app's config object starts from.
 */
export class ServiceEnv {
  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV: NodeEnvironment = 'development';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['postgresql', 'postgres'] })
  DATABASE_URL: string = 'postgresql://postgres@127.0.0.1:5432/switchyard';

  /** One server (`redis://`, `rediss://`) or a Redis Cluster's seed nodes (`redis+cluster://h1:p1,h2:p2`). */
  @IsRedisUrl()
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Namespaces every Redis key and the BullMQ queue, so stacks can share one Redis; equal on gateway and billing. */
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/)
  REDIS_PREFIX: string = 'sy';

  /** pino level; unset means `info` (`warn` when NODE_ENV=test). */
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevel;

  /** On SIGTERM, open requests, streams and in-flight jobs get this long to finish. */
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 30_000;

  /** Comma-separated origins allowed by CORS, or `*`; empty (the default) turns CORS off. */
  @IsString()
  @Matches(/^(\*|[^,\s]+(,[^,\s]+)*)?$/, { message: 'CORS_ORIGINS must be `*` or a comma-separated list of origins' })
  CORS_ORIGINS: string = '';

  /** Serve the OpenAPI document and its UI at /docs. */
  @IsEnvFlag()
  DOCS_ENABLED: EnvFlag = 'true';

  /**
   * An OTLP/HTTP collector's base URL (traces go to `<it>/v1/traces`, protobuf): set, the service
   * exports traces; unset (the default), the OpenTelemetry SDK is not even loaded.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The traces URL itself, used as given; wins over OTEL_EXPORTER_OTLP_ENDPOINT (as in the OTel spec). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** The `service.name` on every span; unset: `switchyard-gateway` or `switchyard-billing`. */
  @IsOptional()
  @Matches(/^\S{1,100}$/)
  OTEL_SERVICE_NAME?: string;
}
