import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import { PrismaService } from '@switchyard/db';
import { BILLING_REDIS } from '../infra/infra.tokens';
import { UsageProcessor } from '../usage/usage.processor';
import { LifecycleState } from '@switchyard/observability';
import type { RedisClient } from '@switchyard/queue';

const PROBE_TIMEOUT_MS = 2_000;

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Readiness checks: Postgres (the ledger), Redis (holds cache), the usage queue and its worker. */
@Injectable()
export class DependencyHealthIndicator {
  constructor(
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(LifecycleState) private readonly lifecycle: LifecycleState,
  ) {}

  accepting(): HealthIndicatorResult {
    const session = this.health.check('accepting');
    return this.lifecycle.draining ? session.down({ message: 'shutting down' }) : session.up();
  }

  postgres(): Promise<HealthIndicatorResult> {
    return this.probe('postgres', () => this.prisma.$queryRaw`SELECT 1`);
  }

  redis(): Promise<HealthIndicatorResult> {
    return this.probe('redis', () => this.moduleRef.get<RedisClient>(BILLING_REDIS, { strict: false }).ping());
  }

  /** The worker is consuming and the queue's own connection answers. */
  queue(): Promise<HealthIndicatorResult> {
    return this.probe('queue', async () => {
      const worker = this.moduleRef.get(UsageProcessor, { strict: false }).worker;
      if (!worker.isRunning()) throw new Error('usage worker is not running');
      const queue = this.moduleRef.get<Queue>(getQueueToken(USAGE_EVENTS_QUEUE), { strict: false });
      await ((await queue.client) as unknown as RedisClient).ping();
    });
  }

  private async probe(key: string, work: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    try {
      await withTimeout(work(), key);
      return session.up();
    } catch (err) {
      return session.down({ message: err instanceof Error ? err.message : String(err) });
    }
  }
}
