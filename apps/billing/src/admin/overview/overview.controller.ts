import { Get, Inject } from '@nestjs/common';
import type { AdminPrincipal } from '@switchyard/admin';
import { Principal } from '../auth/admin-principal';
import { AdminController } from '../http/admin-controller.decorator';
import { FailedEventsService } from '../operations/failed-events.service';
import { ReconciliationStatusStore } from '../operations/reconciliation-status.store';
import { ConsoleStatsService } from './console-stats.service';

/** The console's first page: money across teams, 30 days of spend, and what needs an operator. */
@AdminController('overview')
export class OverviewController {
  constructor(
    @Inject(ConsoleStatsService) private readonly stats: ConsoleStatsService,
    @Inject(FailedEventsService) private readonly failed: FailedEventsService,
    @Inject(ReconciliationStatusStore) private readonly reconciliation: ReconciliationStatusStore,
  ) {}

  /**
   * A team-scoped token sees its team's numbers only; the last reconciliation is the newest
   * all-teams run, so it sees none (running one for its team is GET /reconciliation).
   */
  @Get()
  async overview(@Principal() principal: AdminPrincipal) {
    const [totals, spendPerDay, failedEvents, last] = await Promise.all([
      this.stats.totals(principal.teamId),
      this.stats.spendPerDay(principal.teamId),
      this.failed.count(principal),
      principal.teamId === null ? this.reconciliation.last() : null,
    ]);
    const drifts = last ? Object.values(last.drifts).reduce((sum, n) => sum + n, 0) : 0;
    return {
      totalBalanceMicro: totals.balanceMicro,
      totalHeldMicro: totals.heldMicro,
      spendPerDay,
      failedEvents,
      lastReconciliation: last ? { at: new Date(last.checkedAtMs).toISOString(), ok: drifts === 0, drifts } : null,
    };
  }
}
