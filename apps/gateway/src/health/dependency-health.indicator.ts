import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Pool } from 'pg';
import { PG_POOL, REDIS } from '../infra/infra.tokens';
import { LifecycleState } from '@switchyard/observability';
import { withTimeout } from './with-timeout.util';
import type { RedisClient } from '@switchyard/queue';

const PROBE_TIMEOUT_MS = 2_000;

/** Readiness checks: Postgres (keys), Redis (holds, limits), the usage queue, and not draining. */
@Injectable()
export class DependencyHealthIndicator {
  constructor(
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(LifecycleState) private readonly lifecycle: LifecycleState,
  ) {}

  async postgres(): Promise<HealthIndicatorResult> {
    return this.probe('postgres', () => this.pool.query('SELECT 1'));
  }

  async redisCheck(): Promise<HealthIndicatorResult> {
    return this.probe('redis', () => this.redis.ping());
  }

  /** The queue producer shares the gateway's Redis connection, which refuses commands while not ready. */
  async queue(): Promise<HealthIndicatorResult> {
    const session = this.health.check('queue');
    return this.redis.status === 'ready' ? session.up() : session.down({ message: `connection ${this.redis.status}` });
  }

  accepting(): HealthIndicatorResult {
    const session = this.health.check('accepting');
    return this.lifecycle.draining ? session.down({ message: 'shutting down' }) : session.up();
  }

  private async probe(key: string, work: () => Promise<unknown>): Promise<HealthIndicatorResult> {
    const session = this.health.check(key);
    try {
      await withTimeout(work(), PROBE_TIMEOUT_MS, key);
      return session.up();
    } catch (err) {
      return session.down({ message: err instanceof Error ? err.message : String(err) });
    }
  }
}
