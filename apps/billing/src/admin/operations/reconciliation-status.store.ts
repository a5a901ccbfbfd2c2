import type { DriftCheck, ReconciliationReport } from '@switchyard/ledger';
import type { ReconciliationStatus } from '@switchyard/observability';
import type { RedisClient } from '@switchyard/queue';

/** Every check the reconciliation makes, so a clean run reports each at 0 (a new check fails to compile here). */
const CHECKS: Record<DriftCheck, true> = {
  balance_vs_entries: true,
  balance_after_chain: true,
  last_entry_id: true,
  usage_without_entry: true,
  entry_without_usage: true,
  usage_amount_mismatch: true,
  refund_mismatch: true,
  orphan_hold: true,
  held_total: true,
};

/**
 * The outcome of the newest all-teams reconciliation, kept in Redis so that every billing
 * replica reports the same one in /metrics, whichever replica ran it, and a restart forgets nothing.
 */
export class ReconciliationStatusStore {
  private readonly key: string;

  constructor(
    private readonly redis: Pick<RedisClient, 'get' | 'set'>,
    redisPrefix: string,
  ) {
    this.key = `${redisPrefix}reconciliation:last`;
  }

  async record(report: ReconciliationReport): Promise<void> {
    const drifts = Object.fromEntries(Object.keys(CHECKS).map((check) => [check, 0]));
    for (const drift of report.drifts) drifts[drift.check] += 1;
    const status: ReconciliationStatus = { checkedAtMs: report.checkedAt.getTime(), drifts };
    await this.redis.set(this.key, JSON.stringify(status));
  }

  async last(): Promise<ReconciliationStatus | null> {
    const text = await this.redis.get(this.key);
    return text === null ? null : (JSON.parse(text) as ReconciliationStatus);
  }
}
