// Run by start-tracing.int-spec.ts as its own process (jest's module sandbox cannot run the
// exporter's `import('http')`): starts tracing toward argv[2] (or off when absent), makes a
// small tree of spans, shuts down, and prints what it carried and which SDK modules it loaded.
import { startTracing } from '../start-tracing';
import { contextFromHeaders, currentTraceparent, inSpan, injectTraceContext, linkToTraceparent } from '../spans.util';
import { isTracing } from '../tracing-state';

const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

async function main(tracesUrl: string | null): Promise<void> {
  const tracing = await startTracing({ tracesUrl, serviceName: 'tracing-spec' });
  const enabled = isTracing();
  const outgoing: Record<string, string> = {};
  let carried: string | undefined;
  await inSpan('request', {}, async () => {
    await inSpan('upstream', { attributes: { 'gen_ai.usage.input_tokens': 12, 'switchyard.credits': '0.012' } }, () => {
      injectTraceContext(outgoing);
      return Promise.resolve();
    });
    carried = currentTraceparent();
    const timeout = Object.assign(new Error('too slow'), { code: 'upstream_timeout' });
    await inSpan('fails', {}, () => Promise.reject(timeout)).catch(() => undefined);
  });
  await inSpan('continued', {}, () => Promise.resolve(), contextFromHeaders({ traceparent: INCOMING }));
  const link = linkToTraceparent(carried);
  await inSpan('batch', { links: link ? [link] : [] }, () => Promise.resolve());
  await tracing.shutdown(5_000);
  const sdkModules = Object.keys(require.cache).filter((m) => /@opentelemetry[\\/](sdk-|exporter-|resources)/.test(m));
  console.log(JSON.stringify({ enabled, stillOn: isTracing(), outgoing, carried: carried ?? null, sdkModules }));
}

void main(process.argv[2] ?? null);
