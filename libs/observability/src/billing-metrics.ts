import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics-registry.util';

/** What the queue looks like at scrape time: job counts by state and the oldest waiting job. */
export interface QueueProbe {
  counts(): Promise<Record<string, number>>;
  /** Age in ms of the oldest job still waiting, 0 when none waits. */
  oldestWaitingAgeMs(): Promise<number>;
}

/** The newest all-teams reconciliation: when it ran and how many drifts each check found. */
export interface ReconciliationStatus {
  checkedAtMs: number;
  drifts: Record<string, number>;
}

/** Reads the newest reconciliation at scrape time; null when none ran yet. */
export type ReconciliationProbe = () => Promise<ReconciliationStatus | null>;

/** The billing worker's metrics, next to HttpMetrics and Node's defaults. */
export class BillingMetrics {
  readonly events: Counter<'outcome'>;
  readonly lag: Histogram;
  readonly queueJobs: Gauge<'queue' | 'state'>;
  readonly queueOldestWaiting: Gauge<'queue'>;
  readonly reconciliationDrifts: Gauge<'check'>;
  readonly reconciliationLastRun: Gauge;

  constructor(registry: Registry, queueName: string, probe: QueueProbe, reconciliation: ReconciliationProbe) {
    const registers = [registry];
    this.events = new Counter({
      name: `${METRIC_PREFIX}billing_events_total`,
      help: 'Usage jobs processed: applied, failed (will retry) or failed_permanently.',
      labelNames: ['outcome'],
      registers,
    });
    this.lag = new Histogram({
      name: `${METRIC_PREFIX}billing_event_lag_seconds`,
      help: 'Time from a usage event entering the queue to its debit being committed.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
      registers,
    });
    this.queueJobs = new Gauge({
      name: `${METRIC_PREFIX}queue_jobs`,
      help: 'Jobs in the queue by state (waiting, active, delayed, failed, completed), read at scrape time.',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        const counts = await probe.counts().catch(() => null);
        if (!counts) return;
        for (const [state, count] of Object.entries(counts)) this.set({ queue: queueName, state }, count);
      },
    });
    this.queueOldestWaiting = new Gauge({
      name: `${METRIC_PREFIX}queue_oldest_waiting_age_seconds`,
      help: 'Age of the oldest waiting job: how far billing lags behind the gateways.',
      labelNames: ['queue'],
      registers,
      async collect() {
        const ageMs = await probe.oldestWaitingAgeMs().catch(() => null);
        if (ageMs !== null) this.set({ queue: queueName }, ageMs / 1000);
      },
    });
    const lastReconciliation = () => reconciliation().catch(() => null);
    this.reconciliationDrifts = new Gauge({
      name: `${METRIC_PREFIX}reconciliation_drifts`,
      help: 'Drifts the newest all-teams reconciliation found, by check (0 = that invariant held everywhere).',
      labelNames: ['check'],
      registers,
      async collect() {
        const status = await lastReconciliation();
        for (const [check, count] of Object.entries(status?.drifts ?? {})) this.set({ check }, count);
      },
    });
    this.reconciliationLastRun = new Gauge({
      name: `${METRIC_PREFIX}reconciliation_last_run_timestamp_seconds`,
      help: 'When the newest all-teams reconciliation ran (Unix time; 0 until one has), whichever replica served it.',
      registers,
      async collect() {
        const status = await lastReconciliation();
        if (status) this.set(status.checkedAtMs / 1000);
      },
    });
  }
}
