import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LedgerService } from '@switchyard/ledger';
import { CreditHolds, holdsConfig } from '@switchyard/holds';
import { PrismaModule, PrismaService } from '@switchyard/db';
import { createRedis } from '@switchyard/queue';
import { BILLING_ENV, type BillingEnv } from '../config/billing-env';
import { BILLING_REDIS } from './infra.tokens';

/**
 * Composition root for billing's I/O: Postgres (the ledger) and Redis (the gateways' hold and
 * balance cache). Libraries stay plain classes; this is where they are connected.
 */
@Global()
@Module({
  imports: [
    PrismaModule.forRootAsync({
      inject: [BILLING_ENV],
      useFactory: (env: BillingEnv) => ({ databaseUrl: env.DATABASE_URL }),
    }),
  ],
  providers: [
    {
      provide: BILLING_REDIS,
      inject: [BILLING_ENV],
      useFactory: (env: BillingEnv) => createRedis(env.REDIS_URL, 'client'),
    },
    {
      provide: LedgerService,
      inject: [PrismaService],
      useFactory: (prisma: PrismaService) => new LedgerService(prisma),
    },
    {
      provide: CreditHolds,
      inject: [BILLING_REDIS, LedgerService, BILLING_ENV],
      // The gateway's holds configuration: its key prefix (or billing would refresh balances nobody
      // reads) and hold lifetime (or billing's writes would expire a team's hold keys early).
      useFactory: (redis: Redis, ledger: LedgerService, env: BillingEnv) =>
        new CreditHolds(redis, holdsConfig(env), (teamId) => ledger.balanceOf(teamId)),
    },
  ],
  exports: [LedgerService, CreditHolds],
})
export class InfraModule implements OnApplicationShutdown {
  constructor(@Inject(BILLING_REDIS) private readonly redis: Redis) {}

  /** Runs after the usage worker drained (onModuleDestroy), so no job loses its Redis mid-way. */
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
