import type { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import type { QueueProbe } from '@switchyard/observability';

/** Reads the usage queue at scrape time through the Queue UsageModule registered. */
export function usageQueueProbe(moduleRef: ModuleRef): QueueProbe {
  const queue = () => moduleRef.get<Queue>(getQueueToken(USAGE_EVENTS_QUEUE), { strict: false });
  return {
    counts: () => queue().getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'),
    async oldestWaitingAgeMs() {
      const [oldest] = await queue().getWaiting(-1, -1);
      return oldest ? Math.max(0, Date.now() - oldest.timestamp) : 0;
    },
  };
}
