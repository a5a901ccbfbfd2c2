import { Inject, Injectable } from '@nestjs/common';
import { GatewayMetrics } from '@switchyard/observability';
import type { HoldObserver, HoldOutcome } from '../credits/hold.service';

/** Holds counted: placements by outcome, settles, releases, and this process's open holds. */
@Injectable()
export class HoldMetricsHook implements HoldObserver {
  readonly name = 'hold-metrics';
  private readonly open = new Set<string>();

  constructor(@Inject(GatewayMetrics) private readonly metrics: GatewayMetrics) {}

  onHold(outcome: HoldOutcome, teamId: string, requestId: string): void {
    this.metrics.holds.inc({ outcome });
    const hold = `${teamId}:${requestId}`;
    if (outcome === 'placed') this.open.add(hold);
    else if (outcome === 'settled' || outcome === 'released') this.open.delete(hold);
    else return;
    this.metrics.holdsActive.set(this.open.size);
  }
}
