import { HoldsEnv } from '@switchyard/holds';
import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';

/**
 * Every variable billing reads, validated once at boot, then mapped to BillingConfig
 * (billing-config.ts). HoldsEnv: the hold lifetime the gateways read too.
 */
export class BillingEnv extends HoldsEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  BILLING_PORT: number = 3001;

  /** The address to listen on: loopback unless told otherwise (docker-compose sets 0.0.0.0). */
  @IsString()
  BILLING_HOST: string = '127.0.0.1';

  /** When set, made a write, all-teams admin token at boot (stored as its SHA-256 only). */
  @IsOptional()
  @IsString()
  @MinLength(24)
  ADMIN_TOKEN?: string;

  /**
   * Usage jobs held at once by this process. Each waits for the micro-batch its event joined, so
   * this bounds how many events can be batched together: keep it ≥ batch size × batches in flight.
   */
  @IsInt()
  @Min(1)
  @Max(10_000)
  BILLING_CONCURRENCY: number = 1_000;

  /** Most usage events applied in one ledger transaction. */
  @IsInt()
  @Min(1)
  @Max(5_000)
  BILLING_BATCH_SIZE: number = 500;

  /** Longest an event waits for batch-mates before its batch is written. */
  @IsInt()
  @Min(0)
  @Max(1_000)
  BILLING_BATCH_WAIT_MS: number = 5;

  /** Batches written at once (each is one transaction on its own connection). */
  @IsInt()
  @Min(1)
  @Max(16)
  BILLING_BATCHES_IN_FLIGHT: number = 2;

  /**
   * Express's `trust proxy`: unset or "false" trusts no proxy; "true", a hop count or a list of
   * addresses/subnets ("loopback, 10.0.0.0/8"). Trusted, X-Forwarded-Proto makes a request https
   * (the session cookie is then Secure) and X-Forwarded-For names the client the sign-in limit counts.
   */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /** How long a console session lasts after sign-in (8 h). */
  @IsInt()
  @Min(1_000)
  @Max(7 * 24 * 3_600_000)
  CONSOLE_SESSION_TTL_MS: number = 8 * 3_600_000;

  /** Sign-in attempts one client address may make per window (CONSOLE_SIGNIN_WINDOW_MS). */
  @IsInt()
  @Min(1)
  @Max(10_000)
  CONSOLE_SIGNIN_LIMIT: number = 10;

  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  CONSOLE_SIGNIN_WINDOW_MS: number = 60_000;

  /** The built console (npm run build), served at /console; relative paths from the working directory. */
  @IsString()
  CONSOLE_DIR: string = 'dist/apps/console';
}
