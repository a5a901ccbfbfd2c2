import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { OtlpTraceReceiver } from '@switchyard/testing';
import { startTracing } from './start-tracing';

// Real: the official SDK and OTLP/protobuf exporter, in a process of their own (the fixture),
// over HTTP to a local receiver that decodes what arrives. Nothing is faked.

const REPO_ROOT = resolve(__dirname, '../../..');
const FIXTURE = 'libs/tracing/src/__fixtures__/emit-spans.fixture.ts';

async function runFixture(tracesUrl?: string) {
  const args = ['-r', '@swc-node/register', FIXTURE, ...(tracesUrl ? [tracesUrl] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').pop()!) as {
    enabled: boolean;
    stillOn: boolean;
    outgoing: Record<string, string>;
    carried: string | null;
    sdkModules: string[];
  };
}

describe(startTracing.name, () => {
  let receiver: OtlpTraceReceiver;

  beforeAll(async () => (receiver = await OtlpTraceReceiver.start()));
  afterAll(() => receiver.close());

  it('exports nested spans with their parents, attributes, errors and links, flushed by shutdown', async () => {
    const run = await runFixture(`${receiver.url}/v1/traces`);
    // Shutdown flushed them: the process had exited before the batch's 5 s schedule came round.
    const spans = await receiver.waitFor((got) => got.length >= 5, 2_000);
    const { request, upstream, fails, continued, batch } = Object.fromEntries(spans.map((s) => [s.name, s]));

    expect(run).toMatchObject({ enabled: true, stillOn: false });
    expect(run.sdkModules.length).toBeGreaterThan(0); // the check the off case relies on sees them
    expect(spans.every((s) => s.serviceName === 'tracing-spec')).toBe(true);
    expect(request.parentSpanId).toBeNull();
    expect(upstream).toMatchObject({ traceId: request.traceId, parentSpanId: request.spanId });
    expect(upstream.attributes).toMatchObject({ 'gen_ai.usage.input_tokens': 12, 'switchyard.credits': '0.012' });
    expect(run.outgoing).toEqual({ traceparent: `00-${upstream.traceId}-${upstream.spanId}-01` });
    expect(run.carried).toBe(`00-${request.traceId}-${request.spanId}-01`);
    expect(fails).toMatchObject({ parentSpanId: request.spanId, status: { code: 2, message: 'upstream_timeout' } });
    expect(fails.attributes['error.type']).toBe('upstream_timeout');
    expect(continued).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
    });
    expect(batch.links).toEqual([{ traceId: request.traceId, spanId: request.spanId }]);
  });

  it('loads no SDK, injects nothing and carries nothing when no endpoint is set', async () => {
    expect(await runFixture()).toEqual({ enabled: false, stillOn: false, outgoing: {}, carried: null, sdkModules: [] });
  });
});
