import type { GatewayMetrics } from '@switchyard/observability';
import type { LlmProvider } from '@switchyard/providers';
import { SwitchyardError } from '@switchyard/contracts';

type Call = Parameters<LlmProvider['complete']>;

function codeOf(err: unknown): string {
  if (err instanceof SwitchyardError) return err.code;
  return err instanceof Error && err.name === 'AbortError' ? 'aborted' : 'unknown';
}

/**
 * The same provider, measured: call latency, errors and (for streams) time to first token, by
 * provider and upstream model. A Proxy, so whatever else the provider offers passes through.
 */
export function meterProvider(provider: LlmProvider, metrics: GatewayMetrics): LlmProvider {
  const complete = async (...[body, ctx]: Call) => {
    const labels = { provider: provider.name, model: body.model ?? '' };
    const startedAt = performance.now();
    try {
      const answer = await provider.complete(body, ctx);
      metrics.upstreamDuration.observe(
        { ...labels, kind: 'complete', outcome: 'ok' },
        (performance.now() - startedAt) / 1000,
      );
      return answer;
    } catch (err) {
      metrics.upstreamDuration.observe(
        { ...labels, kind: 'complete', outcome: 'error' },
        (performance.now() - startedAt) / 1000,
      );
      metrics.upstreamErrors.inc({ ...labels, code: codeOf(err) });
      throw err;
    }
  };
  const stream = (...[body, ctx]: Call) => {
    const labels = { provider: provider.name, model: body.model ?? '' };
    const source = provider.stream(body, ctx);
    return {
      async *[Symbol.asyncIterator]() {
        const startedAt = performance.now();
        let first = true;
        let failed = false;
        try {
          for await (const chunk of source) {
            if (first) metrics.timeToFirstToken.observe(labels, (performance.now() - startedAt) / 1000);
            first = false;
            yield chunk;
          }
        } catch (err) {
          failed = true;
          metrics.upstreamErrors.inc({ ...labels, code: codeOf(err) });
          throw err;
        } finally {
          // A consumer that stops early (client gone) ends here too: only a throw is an error.
          metrics.upstreamDuration.observe(
            { ...labels, kind: 'stream', outcome: failed ? 'error' : 'ok' },
            (performance.now() - startedAt) / 1000,
          );
        }
      },
    };
  };
  return new Proxy(provider, {
    get(target, prop, receiver) {
      if (prop === 'complete') return complete;
      if (prop === 'stream') return stream;
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
