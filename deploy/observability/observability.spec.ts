import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type Selector, selectorsOf, withoutGrafanaVariables } from './promql-selectors.util';
import { registeredSeries } from './registered-metrics.util';

// Real: Prometheus' PromQL grammar parses every expression; the metric classes the apps register
// (with prom-client's default metrics) say which series exist, per app.
const read = (path: string) => readFileSync(join(__dirname, path), 'utf8');

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string; description: string };
}
const rules = (
  parse(read('prometheus/alerts.yaml')) as { groups: { name: string; rules: AlertRule[] }[] }
).groups.flatMap((g) => g.rules);
interface Panel {
  type: string;
  title: string;
  targets?: { expr: string; refId: string }[];
}
const dashboard = JSON.parse(read('grafana/switchyard.json')) as { uid: string; panels: Panel[] };
const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

let series: Record<'gateway' | 'billing', Set<string>>;
beforeAll(async () => (series = await registeredSeries()));

/** Selectors naming a series no app exposes, or one the app their `app` label names does not. */
function unknown(selectors: Selector[]): string[] {
  const exposes = ({ metric, labels }: Selector) =>
    labels.app
      ? series[labels.app as 'gateway' | 'billing']?.has(metric)
      : series.gateway.has(metric) || series.billing.has(metric);
  return selectors
    .filter((s) => !exposes(s))
    .map(({ metric, labels }) => `${metric}${labels.app ? ` (app=${labels.app})` : ''}`);
}

const metricsNamed = (exprs: string[]) =>
  new Set(exprs.flatMap((e) => selectorsOf(withoutGrafanaVariables(e)).map((s) => s.metric)));

describe('deploy/observability/prometheus/alerts.yaml', () => {
  it.each(rules.map((r) => [r.alert, r] as const))('%s parses and names only series the apps expose', (_name, rule) => {
    const selectors = selectorsOf(rule.expr);
    expect(selectors.length).toBeGreaterThan(0);
    expect(unknown(selectors)).toEqual([]);
    expect(['warning', 'critical']).toContain(rule.labels.severity);
    expect(rule.annotations.summary).toEqual(expect.any(String));
    expect(rule.annotations.description).toEqual(expect.any(String));
    if (rule.for) expect(rule.for).toMatch(/^\d+[smh]$/);
  });

  it('alerts on billing lag, failed events, reconciliation drift, open circuits and the 5xx rate', () => {
    const named = metricsNamed(rules.map((r) => r.expr));
    for (const metric of [
      'switchyard_queue_oldest_waiting_age_seconds',
      'switchyard_billing_event_lag_seconds_bucket',
      'switchyard_billing_events_total',
      'switchyard_reconciliation_drifts',
      'switchyard_reconciliation_last_run_timestamp_seconds',
      'switchyard_upstream_circuit_open',
      'switchyard_http_requests_total',
    ])
      expect(named).toContain(metric);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });
});

describe('deploy/observability/grafana/switchyard.json', () => {
  it.each(queries.map((q) => [q.panel, q.expr] as const))('%s: %s', (_panel, expr) => {
    expect(unknown(selectorsOf(withoutGrafanaVariables(expr)))).toEqual([]);
  });

  it('shows requests, overhead, upstream latency and errors, TTFT, credits, holds, queue lag and billing events', () => {
    const named = metricsNamed(queries.map((q) => q.expr));
    for (const metric of [
      'switchyard_http_requests_total',
      'switchyard_gateway_overhead_seconds_bucket',
      'switchyard_upstream_request_duration_seconds_bucket',
      'switchyard_upstream_errors_total',
      'switchyard_upstream_time_to_first_token_seconds_bucket',
      'switchyard_credits_charged_micro_total',
      'switchyard_credit_holds_active',
      'switchyard_queue_oldest_waiting_age_seconds',
      'switchyard_billing_events_total',
    ])
      expect(named).toContain(metric);
    expect(dashboard.uid).toBe('switchyard');
    expect(new Set(dashboard.panels.map((p) => (p as { id?: number }).id)).size).toBe(dashboard.panels.length);
  });
});
