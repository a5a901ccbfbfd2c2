import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LedgerService } from '@switchyard/ledger';
import { CreditHolds } from '@switchyard/holds';
import { PrismaModule, PrismaService } from '@switchyard/db';
import { createRedis, type RedisClient } from '@switchyard/queue';
import { BILLING_CONFIG, type BillingConfig } from '../config/billing-config';
import { BILLING_REDIS } from './infra.tokens';

/**
 * Composition root for billing's I/O: Postgres (the ledger) and Redis (the gateways' hold and
 * balance cache). Libraries stay plain classes; this is where they are connected.
 */
@Global()
@Module({
  imports: [
    PrismaModule.forRootAsync({
      inject: [BILLING_CONFIG],
      useFactory: (config: BillingConfig) => ({ databaseUrl: config.database.url }),
    }),
  ],
  providers: [
    {
      provide: BILLING_REDIS,
      inject: [BILLING_CONFIG],
      useFactory: (config: BillingConfig) => createRedis(config.redis.url, 'client'),
    },
    {
      provide: LedgerService,
      inject: [PrismaService],
      useFactory: (prisma: PrismaService) => new LedgerService(prisma),
    },
    {
      provide: CreditHolds,
      inject: [BILLING_REDIS, LedgerService, BILLING_CONFIG],
      // The gateway's holds configuration: its key prefix (or billing would refresh balances nobody
      // reads) and hold lifetime (or billing's writes would expire a team's hold keys early).
      useFactory: (redis: RedisClient, ledger: LedgerService, config: BillingConfig) =>
        new CreditHolds(redis, config.holds, (teamId) => ledger.balanceOf(teamId)),
    },
  ],
  exports: [LedgerService, CreditHolds],
})
export class InfraModule implements OnApplicationShutdown {
  constructor(@Inject(BILLING_REDIS) private readonly redis: RedisClient) {}

  /** Runs after the usage worker drained (onModuleDestroy), so no job loses its Redis mid-way. */
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
