import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { InsufficientCreditsError } from '@switchyard/contracts';
import { tracer } from '@switchyard/tracing';
import type { PipelineContext } from '../pipeline/pipeline-context';
import type { PipelineStage, StageName } from '../pipeline/pipeline-stage';
import { RequestPipeline } from '../pipeline/request-pipeline';
import { TracingHook } from './tracing.hook';

// The official SDK, in memory: every span the hook ends, as it would be exported.
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

/** What the hook reads of a context once record-usage ran, with the request span the ingress would open. */
function tracedContext(fields: Partial<PipelineContext>): PipelineContext {
  const ctx = {
    abort: new AbortController(),
    res: { headersSent: false },
    request: { model: 'gpt-4o-mini', body: {} },
    served: { model: { alias: 'gpt-4o-mini', tier: 'core' } },
    usage: { promptTokens: 7, completionTokens: 3 },
    trace: { span: tracer().startSpan('POST /v1/chat/completions'), stages: new Map() },
    ...fields,
  };
  return ctx as unknown as PipelineContext;
}

const stage = (name: StageName, run: PipelineStage['run'] = () => undefined): PipelineStage => ({ name, run });

async function runTraced(ctx: PipelineContext, stages: PipelineStage[]) {
  await new RequestPipeline(stages, [], [new TracingHook()]).run(ctx).catch(() => undefined);
  ctx.trace?.span.end();
  const spans = exporter.getFinishedSpans();
  const named = (name: string) => spans.find((s) => s.name === name);
  return { spans, request: named('POST /v1/chat/completions'), named };
}

describe(TracingHook.name, () => {
  beforeAll(() => trace.setGlobalTracerProvider(provider));
  afterEach(() => exporter.reset());
  afterAll(() => trace.disable());

  it('opens admission and usage spans under the request span, and puts the usage and credits on it', async () => {
    const ctx = tracedContext({ costMicro: 12_000n });
    const stages = [
      stage('plan'),
      stage('admit'),
      stage('relay-stream'),
      stage('record-usage'),
      stage('encode-answer'),
    ];
    const { spans, request, named } = await runTraced(ctx, stages);
    expect(spans.map((s) => s.name).sort()).toEqual(['POST /v1/chat/completions', 'admission', 'usage']);
    for (const child of ['admission', 'usage']) {
      expect(named(child)?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId);
    }
    expect(request?.attributes).toEqual({
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 7,
      'gen_ai.usage.output_tokens': 3,
      'switchyard.tier': 'core',
      'switchyard.credits': '0.012000',
    });
  });

  it('leaves the credits off when a stream could not be billed, and fails the request when it broke mid-way', async () => {
    const failure = Object.assign(new Error('reset'), { code: 'upstream_error' });
    const ctx = tracedContext({ costMicro: null, stream: { failed: true, failure } as PipelineContext['stream'] });
    const { request } = await runTraced(ctx, [stage('relay-stream'), stage('record-usage')]);
    expect(request?.attributes).not.toHaveProperty('switchyard.credits');
    expect(request?.attributes).toMatchObject({ 'gen_ai.usage.output_tokens': 3, 'error.type': 'upstream_error' });
    expect(request?.status).toEqual({ code: 2, message: 'upstream_error' });
  });

  it('marks a failing stage’s span with its error.type and ends it', async () => {
    const refuse = () => Promise.reject(new InsufficientCreditsError());
    const { named } = await runTraced(tracedContext({}), [stage('admit', refuse)]);
    expect(named('admission')).toMatchObject({ status: { code: 2, message: 'insufficient_credits' } });
    expect(named('admission')?.attributes['error.type']).toBe('insufficient_credits');
  });

  it('does nothing for a context without a trace', async () => {
    const { spans } = await runTraced(tracedContext({ trace: undefined }), [stage('admit'), stage('record-usage')]);
    expect(spans).toEqual([]);
  });
});
