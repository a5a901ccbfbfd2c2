import type { ReconciliationReport } from '@switchyard/ledger';
import { BillingMetrics, createMetricsRegistry } from '@switchyard/observability';
import { ReconciliationStatusStore } from './reconciliation-status.store';

// Real: the store, BillingMetrics and prom-client's registry. Faked: Redis, as an in-memory GET/SET.
function setup() {
  const keys = new Map<string, string>();
  const redis = {
    get: async (key: string) => keys.get(key) ?? null,
    set: async (key: string, value: string) => (keys.set(key, value), 'OK' as const),
  };
  const store = new ReconciliationStatusStore(redis, 'sy');
  const registry = createMetricsRegistry('billing');
  const idleQueue = { counts: async () => ({}), oldestWaitingAgeMs: async () => 0 };
  new BillingMetrics(registry, 'usage-events', idleQueue, () => store.last());
  const exposed = async (name: string) => (await registry.getSingleMetric(name)?.get())?.values ?? [];
  return { keys, store, exposed };
}

const report = (drifts: ReconciliationReport['drifts']): ReconciliationReport => ({
  ok: drifts.length === 0,
  teamsChecked: 3,
  drifts,
  checkedAt: new Date('2026-12-01T10:00:00Z'),
});

describe(ReconciliationStatusStore.name, () => {
  it('exposes no drifts and a last run at 0 (long overdue) before any reconciliation ran', async () => {
    const { exposed } = setup();
    expect(await exposed('switchyard_reconciliation_drifts')).toEqual([]);
    expect(await exposed('switchyard_reconciliation_last_run_timestamp_seconds')).toEqual([{ labels: {}, value: 0 }]);
  });

  it('reports each check’s drifts from the newest run, every check at 0 when clean, and when it ran', async () => {
    const { keys, store, exposed } = setup();
    await store.record(
      report([
        { teamId: 't1', check: 'balance_vs_entries', detail: '…' },
        { teamId: 't2', check: 'orphan_hold', detail: '…' },
        { teamId: 't3', check: 'orphan_hold', detail: '…' },
      ]),
    );
    expect([...keys.keys()]).toEqual(['syreconciliation:last']);
    const drifts = async () =>
      Object.fromEntries((await exposed('switchyard_reconciliation_drifts')).map((v) => [v.labels.check, v.value]));
    expect(await drifts()).toEqual({
      balance_vs_entries: 1,
      balance_after_chain: 0,
      last_entry_id: 0,
      usage_without_entry: 0,
      entry_without_usage: 0,
      usage_amount_mismatch: 0,
      refund_mismatch: 0,
      orphan_hold: 2,
      held_total: 0,
    });
    expect((await exposed('switchyard_reconciliation_last_run_timestamp_seconds')).map((v) => v.value)).toEqual([
      Date.parse('2026-12-01T10:00:00Z') / 1000,
    ]);

    await store.record(report([]));
    expect(Object.values(await drifts())).toEqual(Array(9).fill(0));
  });
});
