import { HoldsEnv } from '@switchyard/holds';
import { IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';

/** Every variable the gateway reads, validated once at boot and mapped to GatewayConfig (gateway-config.ts). README lists them all. */
export class GatewayEnv extends HoldsEnv {
  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_PORT: number = 3000;

  /** The address to listen on: loopback unless told otherwise (docker-compose sets 0.0.0.0). */
  @IsString()
  GATEWAY_HOST: string = '127.0.0.1';

  @IsString()
  CATALOG_PATH: string = 'config/catalog.yaml';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  SIMULATED_PROVIDER_URL: string = 'http://127.0.0.1:3002/v1';

  /** Largest accepted request body, in bytes. */
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 10 * 1024 * 1024;

  /**
   * Deepest JSON nesting a request body may have, checked on its bytes before it is parsed. A chat
   * request nests ~6 levels, a tool's JSON schema a dozen more; a 10 MB body could nest 5 million.
   */
  @IsInt()
  @Min(8)
  @Max(10_000)
  BODY_MAX_JSON_DEPTH: number = 64;

  /**
   * Most JSON elements (arrays, objects, their items and members) in a request body, checked on its
   * bytes before it is parsed: a long agent conversation has tens of thousands; each costs the
   * parser ~30–100 bytes of heap, so this bounds what a body of small elements can cost.
   */
  @IsInt()
  @Min(1_000)
  BODY_MAX_JSON_ELEMENTS: number = 100_000;

  @IsInt()
  @Min(0)
  KEY_CACHE_TTL_MS: number = 5000;

  /**
   * Credit leases: the gateway reserves credits for about this many requests per team at a time
   * and carves each request's hold from them in memory, so a request needs no Redis round trip
   * before its upstream call. 0 = one hold in Redis per request.
   */
  @IsInt()
  @Min(0)
  @Max(10_000)
  CREDIT_LEASE_REQUESTS: number = 32;

  /**
   * Where usage events go when Redis cannot take them (fsync'ed JSONL, replayed into the queue).
   * Its `journal/` holds every event from before its answer until the queue or the spool has it.
   * One directory per gateway instance, on a disk that outlives the process.
   */
  @IsString()
  USAGE_SPOOL_DIR: string = 'var/usage-spool';

  /**
   * How often the spool is replayed into the queue (it is also replayed at boot), and how often a
   * journaled event that neither the queue nor the spool took is tried again.
   */
  @IsInt()
  @Min(10)
  USAGE_SPOOL_REPLAY_MS: number = 5_000;

  /**
   * How long a journaled usage event waits for others before they are settled and queued together
   * (the answer never waits for it). 0 = deliver each event as soon as it is journaled.
   */
  @IsInt()
  @Min(0)
  @Max(1_000)
  USAGE_DELIVERY_WINDOW_MS: number = 50;

  /** Provider API keys are read only when the catalog names them (api_key_env). */
  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  /** Requests per minute for a key without its own limit; 0 = unlimited. */
  @IsInt()
  @Min(0)
  RATE_LIMIT_KEY_RPM: number = 0;

  /** Tokens per minute for a key without its own limit; 0 = unlimited. */
  @IsInt()
  @Min(0)
  RATE_LIMIT_KEY_TPM: number = 0;

  /** Requests per minute for all of a team's keys together; 0 = unlimited. */
  @IsInt()
  @Min(0)
  RATE_LIMIT_TEAM_RPM: number = 0;

  /** Tokens per minute for all of a team's keys together; 0 = unlimited. */
  @IsInt()
  @Min(0)
  RATE_LIMIT_TEAM_TPM: number = 0;

  /** A client must send its whole request (headers and body) within this time (slowloris guard). */
  @IsInt()
  @Min(1000)
  REQUEST_TIMEOUT_MS: number = 30_000;

  /**
   * A streamed answer whose client has not read (its socket has not drained) for this long is cut
   * off like a disconnect: the upstream aborted, what was sent billed, the hold given back.
   */
  @IsInt()
  @Min(100)
  STREAM_STALL_TIMEOUT_MS: number = 60_000;

  /** Idle keep-alive connections are closed after this long. */
  @IsInt()
  @Min(100)
  KEEP_ALIVE_TIMEOUT_MS: number = 5_000;
}
