import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job } from 'bullmq';
import { BillingMetrics } from '@switchyard/observability';
import { UsageProcessor } from '../usage/usage.processor';

/**
 * Counts what the usage worker does (applied, failed, failed for good) and how long events
 * waited between the gateway's enqueue and the committed debit, from the worker's own events.
 */
@Injectable()
export class WorkerMetricsService implements OnApplicationBootstrap {
  constructor(
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(BillingMetrics) private readonly metrics: BillingMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const worker = this.moduleRef.get(UsageProcessor, { strict: false }).worker;
    worker.on('completed', (job: Job) => {
      this.metrics.events.inc({ outcome: 'applied' });
      if (job.finishedOn) this.metrics.lag.observe(Math.max(0, job.finishedOn - job.timestamp) / 1000);
    });
    worker.on('failed', (job: Job | undefined, err: Error) => {
      const permanent =
        err.name === 'UnrecoverableError' || (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1));
      this.metrics.events.inc({ outcome: permanent ? 'failed_permanently' : 'failed' });
    });
  }
}
