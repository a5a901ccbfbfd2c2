import { once } from 'node:events';
import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import {
  CreditChangeSubscriber,
  CreditHolds,
  CreditLeases,
  PerRequestHolds,
  pgCreditAccountLoader,
} from '@switchyard/holds';
import { RateLimiter } from '@switchyard/limits';
import { ApiKeyAuthenticator, PgApiKeyStore } from '@switchyard/keys';
import { closeProviders, createProviders, type LlmProvider } from '@switchyard/providers';
import {
  createRedis,
  queuePrefix,
  UsageEventProducer,
  UsageJournal,
  UsageSpool,
  type RedisClient,
} from '@switchyard/queue';
import { KeyRevocationListener } from '../auth/key-revocation.listener';
import { CreditChangeListener } from '../credits/credit-change.listener';
import { CATALOG, type LoadedCatalog } from '../config/catalog.loader';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { CREDIT_LEASES, PG_POOL, PROVIDER_API_KEYS, PROVIDERS, REDIS, REQUEST_HOLDS } from './infra.tokens';

/** The gateway's Postgres connections: key lookups and cold balance loads, both cached, need few. */
const PG_POOL_SIZE = 4;
const journalLogger = new Logger(UsageJournal.name);
const holdsLogger = new Logger('CreditHolds');
const onHoldsError = (err: unknown) =>
  holdsLogger.warn({ msg: 'credit hold or lease refresh or return failed', err: String(err) });

/**
 * Composition root for everything with I/O: Redis, Postgres, the queue producer and the upstream
 * pools. Libraries stay plain classes; this module is the only place that knows how they connect.
 * Postgres is reached in plain SQL on a node-postgres pool, not through Prisma (see PgApiKeyStore).
 */
@Global()
@Module({
  providers: [
    {
      provide: PG_POOL,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => {
        const pool = new Pool({ connectionString: config.database.url, max: PG_POOL_SIZE });
        // An idle connection that drops (Postgres restart) must not crash the process: the pool replaces it.
        pool.on('error', () => undefined);
        return pool;
      },
    },
    KeyRevocationListener,
    {
      provide: REDIS,
      inject: [GATEWAY_CONFIG],
      // Fail-fast connections refuse commands until connected: wait (briefly) so the first
      // requests after boot are not refused. If Redis is down, boot goes on and readiness says so.
      useFactory: async (config: GatewayConfig) => {
        // Auto-pipelining: the commands of concurrent requests (rate limits, holds, settles,
        // usage events) issued in one tick leave in one socket write.
        const redis = createRedis(config.redis.url, 'producer', { enableAutoPipelining: true });
        await Promise.race([
          once(redis, 'ready').catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, 5000).unref()),
        ]);
        return redis;
      },
    },
    {
      provide: ApiKeyAuthenticator,
      inject: [PG_POOL, GATEWAY_CONFIG],
      useFactory: (pool: Pool, config: GatewayConfig) =>
        new ApiKeyAuthenticator(new PgApiKeyStore(pool), { cacheTtlMs: config.keys.cacheTtlMs }),
    },
    {
      provide: CreditHolds,
      inject: [REDIS, PG_POOL, GATEWAY_CONFIG],
      useFactory: (redis: RedisClient, pool: Pool, config: GatewayConfig) =>
        new CreditHolds(redis, config.holds, pgCreditAccountLoader(pool)),
    },
    {
      provide: CreditChangeSubscriber,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) => {
        const redis = createRedis(config.redis.url, 'subscriber');
        // Errors are retried by ioredis; without a listener they would be thrown as unhandled events.
        redis.on('error', () => undefined);
        return new CreditChangeSubscriber(redis, config.redis.prefix);
      },
    },
    {
      provide: CREDIT_LEASES,
      inject: [CreditHolds, REDIS, GATEWAY_CONFIG, CreditChangeSubscriber],
      useFactory: (holds: CreditHolds, redis: RedisClient, config: GatewayConfig, feed: CreditChangeSubscriber) =>
        config.leases.requestsPerTopUp === 0
          ? null
          : new CreditLeases(holds, redis, {
              requestsPerTopUp: config.leases.requestsPerTopUp,
              onError: onHoldsError,
              changes: { feed, perRequest: new PerRequestHolds(holds, { onError: onHoldsError }) },
            }),
    },
    {
      provide: REQUEST_HOLDS,
      inject: [CreditHolds, CREDIT_LEASES],
      useFactory: (holds: CreditHolds, leases: CreditLeases | null) =>
        leases ?? new PerRequestHolds(holds, { onError: onHoldsError }),
    },
    CreditChangeListener,
    {
      provide: RateLimiter,
      inject: [REDIS, GATEWAY_CONFIG],
      useFactory: (redis: RedisClient, config: GatewayConfig) =>
        new RateLimiter(redis, { keyPrefix: config.redis.prefix }),
    },
    {
      provide: UsageEventProducer,
      inject: [REDIS, GATEWAY_CONFIG],
      useFactory: (redis: RedisClient, config: GatewayConfig) =>
        new UsageEventProducer(redis, { prefix: queuePrefix(config.redis.url, config.redis.prefix) }),
    },
    {
      provide: UsageSpool,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new UsageSpool({ dir: config.usage.spoolDir, replayIntervalMs: config.usage.spoolReplayMs }),
    },
    {
      provide: UsageJournal,
      inject: [GATEWAY_CONFIG],
      useFactory: (config: GatewayConfig) =>
        new UsageJournal({
          dir: join(config.usage.spoolDir, 'journal'),
          onError: (err) => journalLogger.warn({ msg: 'usage journal', err: String(err) }),
        }),
    },
    {
      provide: PROVIDERS,
      inject: [CATALOG, PROVIDER_API_KEYS],
      useFactory: (loaded: LoadedCatalog, apiKeys: Record<string, string | undefined>) =>
        createProviders(loaded.catalog.providers, apiKeys),
    },
  ],
  exports: [
    PG_POOL,
    REDIS,
    ApiKeyAuthenticator,
    CreditHolds,
    REQUEST_HOLDS,
    UsageEventProducer,
    UsageSpool,
    UsageJournal,
    PROVIDERS,
    RateLimiter,
  ],
})
export class InfraModule implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(UsageEventProducer) private readonly producer: UsageEventProducer,
    @Inject(PROVIDERS) private readonly providers: ReadonlyMap<string, LlmProvider>,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close();
    await closeProviders(this.providers.values());
    this.redis.disconnect();
    await this.pool.end();
  }
}
