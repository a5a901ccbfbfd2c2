import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * What every Switchyard service reads: where Postgres and Redis are, how it logs, shuts down
 * and serves its docs. Each app's env DTO extends it with its own variables.
 */
export class ServiceEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['postgresql', 'postgres'] })
  DATABASE_URL: string = 'postgresql://postgres@127.0.0.1:5432/switchyard';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['redis', 'rediss'] })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Namespaces every Redis key and the BullMQ queue, so stacks can share one Redis; equal on gateway and billing. */
  @Matches(/^[A-Za-z0-9_.:-]{1,64}$/)
  REDIS_PREFIX: string = 'sy';

  /** pino level; unset means `info` (`warn` when NODE_ENV=test). */
  @IsOptional()
  @IsIn(LOG_LEVELS)
  LOG_LEVEL?: string;

  /** On SIGTERM, open requests, streams and in-flight jobs get this long to finish. */
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number = 30_000;

  /** Comma-separated origins allowed by CORS, or `*`; empty (the default) turns CORS off. */
  @IsString()
  @Matches(/^(\*|[^,\s]+(,[^,\s]+)*)?$/, { message: 'CORS_ORIGINS must be `*` or a comma-separated list of origins' })
  CORS_ORIGINS: string = '';

  /** Serve the OpenAPI document and its UI at /docs. */
  @IsIn(['true', 'false'])
  DOCS_ENABLED: string = 'true';
}
