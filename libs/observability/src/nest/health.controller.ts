import { Controller, Get, HttpException, Inject, Res } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { Response } from 'express';

/** The app's readiness checks (Postgres, Redis, queue, draining…), provided by each app. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * Liveness: the process answers (restart it if not). Readiness: it can serve, i.e. every
 * readiness check passes and it is not draining (take it out of rotation if not).
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(READINESS_CHECKS) private readonly checks: HealthIndicatorFunction[],
  ) {}

  /** No dependency is checked: a restart would not fix Postgres, so it must not fail liveness. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response): Promise<unknown> {
    try {
      return await this.health.check(this.checks);
    } catch (err) {
      // Terminus throws its 503 with the per-check report; probes and operators want that body.
      if (!(err instanceof HttpException)) throw err;
      res.status(err.getStatus());
      return err.getResponse();
    }
  }
}
