import { Inject, Injectable } from '@nestjs/common';
import type { UsageEvent } from '@switchyard/contracts';
import { type AppliedUsage, LedgerService } from '@switchyard/ledger';
import { CreditHolds } from '@switchyard/holds';
import { inUsageBatchSpan } from './usage-batch-span';

/**
 * Turns usage events into ledger debits, then tells the gateways' hold cache. Any failure is
 * thrown so the queue retries the job: the debit is exactly-once in Postgres, so a retry after
 * a committed debit only repeats the cache update.
 */
@Injectable()
export class UsageBillingService {
  constructor(
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(CreditHolds) private readonly holds: CreditHolds,
  ) {}

  async bill(events: UsageEvent[]): Promise<AppliedUsage[]> {
    const applied = await inUsageBatchSpan(events, () => this.ledger.applyUsageEvents(events));
    await Promise.all(
      applied.map((team) =>
        this.holds.applyLedger(team.teamId, team.balanceMicro, team.lastEntryId, team.settledRequestIds),
      ),
    );
    return applied;
  }
}
