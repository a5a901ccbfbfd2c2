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
}
