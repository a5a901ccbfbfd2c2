import { Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import { LedgerQueryService, ReconciliationService } from '@switchyard/ledger';
import { CreditChangePublisher, CreditHolds } from '@switchyard/holds';
import { PrismaService } from '@switchyard/db';
import { AdminSessionService, AdminTokenService, ApiKeyService, TeamService } from '@switchyard/admin';
import { KeyRevocationPublisher } from '@switchyard/keys';
import { createRedis, type RedisClient } from '@switchyard/queue';
import { BILLING_CONFIG, type BillingConfig } from '../config/billing-config';
import { ADMIN_REDIS } from './admin.tokens';
import { AdminAuthGuard } from './auth/admin-auth.guard';
import { AdminBootstrapService } from './auth/admin-bootstrap.service';
import { CreditsAdminService } from './credits/credits-admin.service';
import { CreditsController } from './credits/credits.controller';
import { KeysController } from './keys/keys.controller';
import { LedgerController } from './ledger/ledger.controller';
import { AuditLogService } from './operations/audit-log.service';
import { FailedEventsService } from './operations/failed-events.service';
import { OperationsController } from './operations/operations.controller';
import { ReconciliationStatusStore } from './operations/reconciliation-status.store';
import { ConsoleStatsService } from './overview/console-stats.service';
import { OverviewController } from './overview/overview.controller';
import { SessionController } from './session/session.controller';
import { SignInLimiter } from './session/sign-in-limiter';
import { TeamsController } from './teams/teams.controller';

const logger = new Logger('Admin');

/** The control plane, /admin/v1: teams, keys, credits, ledger, failed events, reconciliation. */
@Module({
  imports: [BullModule.registerQueue({ name: USAGE_EVENTS_QUEUE })],
  controllers: [
    SessionController,
    OverviewController,
    TeamsController,
    KeysController,
    CreditsController,
    LedgerController,
    OperationsController,
  ],
  providers: [
    {
      provide: ADMIN_REDIS,
      inject: [BILLING_CONFIG],
      useFactory: (config: BillingConfig) => createRedis(config.redis.url, 'client'),
    },
    {
      provide: KeyRevocationPublisher,
      inject: [ADMIN_REDIS, BILLING_CONFIG],
      useFactory: (redis: RedisClient, config: BillingConfig) =>
        // A missed broadcast is bounded by the gateways' key cache TTL; say so, do not fail the committed change.
        new KeyRevocationPublisher(redis, config.redis.prefix, (err) =>
          logger.warn(`Key invalidation not broadcast: ${String(err)}`),
        ),
    },
    {
      provide: CreditChangePublisher,
      inject: [ADMIN_REDIS, BILLING_CONFIG],
      // The gateways' key prefix: the lowered balance lands in the cache they read, the signal on their channel.
      useFactory: (redis: RedisClient, config: BillingConfig) => new CreditChangePublisher(redis, config.redis.prefix),
    },
    {
      provide: AdminTokenService,
      inject: [PrismaService],
      useFactory: (prisma: PrismaService) => new AdminTokenService(prisma),
    },
    {
      provide: AdminSessionService,
      inject: [PrismaService, AdminTokenService],
      useFactory: (prisma: PrismaService, tokens: AdminTokenService) => new AdminSessionService(prisma, tokens),
    },
    {
      provide: SignInLimiter,
      inject: [ADMIN_REDIS, BILLING_CONFIG],
      useFactory: (redis: RedisClient, config: BillingConfig) =>
        new SignInLimiter(redis, config.redis.prefix, config.console.signIn.limit, config.console.signIn.windowMs),
    },
    {
      provide: TeamService,
      inject: [PrismaService, KeyRevocationPublisher],
      useFactory: (p: PrismaService, r: KeyRevocationPublisher) => new TeamService(p, r),
    },
    {
      provide: ApiKeyService,
      inject: [PrismaService, KeyRevocationPublisher],
      useFactory: (p: PrismaService, r: KeyRevocationPublisher) => new ApiKeyService(p, r),
    },
    {
      provide: LedgerQueryService,
      inject: [PrismaService],
      useFactory: (prisma: PrismaService) => new LedgerQueryService(prisma),
    },
    {
      provide: ReconciliationService,
      inject: [PrismaService, CreditHolds],
      useFactory: (prisma: PrismaService, holds: CreditHolds) => new ReconciliationService(prisma, holds),
    },
    {
      provide: ReconciliationStatusStore,
      inject: [ADMIN_REDIS, BILLING_CONFIG],
      useFactory: (redis: RedisClient, config: BillingConfig) =>
        new ReconciliationStatusStore(redis, config.redis.prefix),
    },
    AdminAuthGuard,
    AdminBootstrapService,
    CreditsAdminService,
    FailedEventsService,
    AuditLogService,
    ConsoleStatsService,
  ],
})
export class AdminModule implements OnApplicationShutdown {
  constructor(@Inject(ADMIN_REDIS) private readonly redis: RedisClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
