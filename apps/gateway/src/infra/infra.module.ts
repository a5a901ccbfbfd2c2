import { once } from 'node:events';
import { join } from 'node:path';
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import {
  CreditChangeSubscriber,
  CreditHolds,
  CreditLeases,
  holdsConfig,
  PerRequestHolds,
  pgCreditAccountLoader,
} from '@switchyard/holds';
import { RateLimiter } from '@switchyard/limits';
import { GatewayMetrics } from '@switchyard/observability';
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
import { GATEWAY_ENV, type GatewayEnv } from '../config/gateway-env';
import { meterCreditHolds, meterUsageProducer } from '../metrics/metered-usage.util';
import { meterProvider } from '../metrics/metered-provider.util';
import { RateLimitService } from '../rate-limit/rate-limit.service';
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
      inject: [GATEWAY_ENV],
      useFactory: (env: GatewayEnv) => {
        const pool = new Pool({ connectionString: env.DATABASE_URL, max: PG_POOL_SIZE });
        // An idle connection that drops (Postgres restart) must not crash the process: the pool replaces it.
        pool.on('error', () => undefined);
        return pool;
      },
    },
    KeyRevocationListener,
    {
      provide: REDIS,
      inject: [GATEWAY_ENV],
      // Fail-fast connections refuse commands until connected: wait (briefly) so the first
      // requests after boot are not refused. If Redis is down, boot goes on and readiness says so.
      useFactory: async (env: GatewayEnv) => {
        // Auto-pipelining: the commands of concurrent requests (rate limits, holds, settles,
        // usage events) issued in one tick leave in one socket write.
        const redis = createRedis(env.REDIS_URL, 'producer', { enableAutoPipelining: true });
        await Promise.race([
          once(redis, 'ready').catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, 5000).unref()),
        ]);
        return redis;
      },
    },
    {
      provide: ApiKeyAuthenticator,
      inject: [PG_POOL, GATEWAY_ENV],
      useFactory: (pool: Pool, env: GatewayEnv) =>
        new ApiKeyAuthenticator(new PgApiKeyStore(pool), { cacheTtlMs: env.KEY_CACHE_TTL_MS }),
    },
    {
      provide: CreditHolds,
      inject: [REDIS, PG_POOL, GATEWAY_ENV],
      useFactory: (redis: RedisClient, pool: Pool, env: GatewayEnv) =>
        new CreditHolds(redis, holdsConfig(env), pgCreditAccountLoader(pool)),
    },
    {
      provide: CreditChangeSubscriber,
      inject: [GATEWAY_ENV],
      useFactory: (env: GatewayEnv) => {
        const redis = createRedis(env.REDIS_URL, 'subscriber');
        // Errors are retried by ioredis; without a listener they would be thrown as unhandled events.
        redis.on('error', () => undefined);
        return new CreditChangeSubscriber(redis, env.REDIS_PREFIX);
      },
    },
    {
      provide: CREDIT_LEASES,
      inject: [CreditHolds, REDIS, GATEWAY_ENV, CreditChangeSubscriber],
      useFactory: (holds: CreditHolds, redis: RedisClient, env: GatewayEnv, feed: CreditChangeSubscriber) =>
        env.CREDIT_LEASE_REQUESTS === 0
          ? null
          : new CreditLeases(holds, redis, {
              requestsPerTopUp: env.CREDIT_LEASE_REQUESTS,
              onError: onHoldsError,
              changes: { feed, perRequest: new PerRequestHolds(holds, { onError: onHoldsError }) },
            }),
    },
    {
      provide: REQUEST_HOLDS,
      inject: [CreditHolds, CREDIT_LEASES, GatewayMetrics],
      useFactory: (holds: CreditHolds, leases: CreditLeases | null, metrics: GatewayMetrics) =>
        meterCreditHolds(leases ?? new PerRequestHolds(holds, { onError: onHoldsError }), metrics),
    },
    CreditChangeListener,
    {
      provide: RateLimiter,
      inject: [REDIS, GATEWAY_ENV],
      useFactory: (redis: RedisClient, env: GatewayEnv) => new RateLimiter(redis, { keyPrefix: env.REDIS_PREFIX }),
    },
    {
      provide: UsageEventProducer,
      inject: [REDIS, GATEWAY_ENV, GatewayMetrics, RateLimitService],
      useFactory: (redis: RedisClient, env: GatewayEnv, metrics: GatewayMetrics, rateLimits: RateLimitService) =>
        meterUsageProducer(
          new UsageEventProducer(redis, { prefix: queuePrefix(env.REDIS_URL, env.REDIS_PREFIX) }),
          metrics,
          [rateLimits.onUsage],
        ),
    },
    {
      provide: UsageSpool,
      inject: [GATEWAY_ENV],
      useFactory: (env: GatewayEnv) =>
        new UsageSpool({ dir: env.USAGE_SPOOL_DIR, replayIntervalMs: env.USAGE_SPOOL_REPLAY_MS }),
    },
    {
      provide: UsageJournal,
      inject: [GATEWAY_ENV],
      useFactory: (env: GatewayEnv) =>
        new UsageJournal({
          dir: join(env.USAGE_SPOOL_DIR, 'journal'),
          onError: (err) => journalLogger.warn({ msg: 'usage journal', err: String(err) }),
        }),
    },
    {
      provide: PROVIDERS,
      inject: [CATALOG, PROVIDER_API_KEYS, GatewayMetrics],
      useFactory: (loaded: LoadedCatalog, apiKeys: Record<string, string | undefined>, metrics: GatewayMetrics) =>
        new Map(
          [...createProviders(loaded.catalog.providers, apiKeys)].map(([name, provider]) => [
            name,
            meterProvider(provider, metrics),
          ]),
        ),
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
