import { type MetricValueWithName, Registry } from 'prom-client';
import { GatewayMetrics } from '@switchyard/observability';
import { UpstreamError } from '@switchyard/providers';
import type { PipelineContext } from '../pipeline/pipeline-context';
import type { UpstreamAttempt } from '../upstream/upstream-caller.service';
import { UpstreamMetricsHook } from './upstream-metrics.hook';

const failedAttempt: UpstreamAttempt = {
  provider: 'openai',
  upstreamModel: 'gpt-4o-mini',
  kind: 'stream',
  startedAt: 1_000,
  endedAt: 1_250,
  failed: true,
  error: new UpstreamError('upstream_error', 'down', { retriable: true }),
};

/** A stream that fell back once: its first candidate failed, the second sent its first chunk after 40 ms. */
function fellBackStream(): PipelineContext {
  const served: UpstreamAttempt = { provider: 'sim', upstreamModel: 'sim-small', kind: 'stream', startedAt: 1_250 };
  served.firstChunkAt = 1_290;
  return { attempts: [failedAttempt, served] } as unknown as PipelineContext;
}

/** A metric's samples; a histogram's carry their series' name (…_count, …_sum). */
async function valuesOf(registry: Registry, name: string): Promise<MetricValueWithName<string>[]> {
  const metric = registry.getSingleMetric(name);
  return metric ? (await metric.get()).values : [];
}

describe(UpstreamMetricsHook.name, () => {
  let registry: Registry;
  let hook: UpstreamMetricsHook;

  beforeEach(() => {
    registry = new Registry();
    hook = new UpstreamMetricsHook(new GatewayMetrics(registry));
  });

  it('after call-upstream: the failed candidate’s call and error, the serving stream’s first token, not yet its end', async () => {
    const ctx = fellBackStream();
    hook.after('call-upstream', ctx);
    expect(await valuesOf(registry, 'switchyard_upstream_errors_total')).toEqual([
      { labels: { provider: 'openai', model: 'gpt-4o-mini', code: 'upstream_error' }, value: 1 },
    ]);
    const durations = await valuesOf(registry, 'switchyard_upstream_request_duration_seconds');
    const counts = durations.filter((v) => v.metricName?.endsWith('_count') && v.value > 0);
    expect(counts.map((v) => v.labels)).toEqual([
      { provider: 'openai', model: 'gpt-4o-mini', kind: 'stream', outcome: 'error' },
    ]);
    const ttft = await valuesOf(registry, 'switchyard_upstream_time_to_first_token_seconds');
    expect(ttft.find((v) => v.metricName?.endsWith('_sum'))).toMatchObject({
      labels: { provider: 'sim', model: 'sim-small' },
      value: 0.04,
    });
  });

  it('after relay-stream: the serving stream’s whole duration, as ok', async () => {
    const ctx = fellBackStream();
    hook.after('call-upstream', ctx);
    Object.assign(ctx.attempts[1], { endedAt: 3_250, failed: false });
    hook.after('relay-stream', ctx);
    const durations = await valuesOf(registry, 'switchyard_upstream_request_duration_seconds');
    expect(durations.find((v) => v.metricName?.endsWith('_sum') && v.labels.provider === 'sim')).toMatchObject({
      labels: { kind: 'stream', outcome: 'ok' },
      value: 2,
    });
  });
});
