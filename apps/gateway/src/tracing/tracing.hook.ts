import { Injectable } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import { formatCredits } from '@switchyard/contracts';
import {
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  markFailed,
  SWITCHYARD_CREDITS,
  SWITCHYARD_TASK_TYPE,
  SWITCHYARD_TIER,
  tracer,
} from '@switchyard/tracing';
import type { PipelineContext } from '../pipeline/pipeline-context';
import type { PipelineHook, StageName } from '../pipeline/pipeline-stage';

/** The stages that get a span of their own, by the span's name (auth's is the ingress's). */
const STAGE_SPANS: Partial<Record<StageName, string>> = { admit: 'admission', 'record-usage': 'usage' };

/**
 * The request's trace around the pipeline's stages: a child span per traced stage, failed with the
 * stage's error.type when it throws; on the request span, the GenAI attributes and the credits once
 * record-usage knows them (whole answers and streams alike), and a stream that broke after its first
 * chunk marks the request failed. Registered first (it encloses the other hooks) and only when
 * tracing is on (pipeline.module.ts); ctx.trace is set whenever it is.
 */
@Injectable()
export class TracingHook implements PipelineHook {
  readonly name = 'tracing';

  before(stage: StageName, ctx: PipelineContext): void {
    const name = STAGE_SPANS[stage];
    if (name === undefined || !ctx.trace) return;
    const parent = trace.setSpan(context.active(), ctx.trace.span);
    ctx.trace.stages.set(stage, tracer().startSpan(name, {}, parent));
  }

  after(stage: StageName, ctx: PipelineContext): void {
    if (!ctx.trace) return;
    ctx.trace.stages.get(stage)?.end();
    if (stage === 'relay-stream' && ctx.stream?.failed) markFailed(ctx.trace.span, ctx.stream.failure);
    if (stage === 'record-usage') annotateRequestSpan(ctx);
  }

  onError(stage: StageName, ctx: PipelineContext, err: unknown): void {
    const span = ctx.trace?.stages.get(stage);
    if (!span) return;
    markFailed(span, err);
    span.end();
  }
}

/** What served the request, its tokens and its credits (unless a stream's billing failed: costMicro null). */
function annotateRequestSpan(ctx: PipelineContext): void {
  const { trace: traced, request, served, usage, costMicro } = ctx;
  if (!traced || !request || !served || !usage) return;
  traced.span.setAttributes({
    [GEN_AI_REQUEST_MODEL]: request.model ?? `task_type:${request.task_type}`,
    [GEN_AI_RESPONSE_MODEL]: served.model.alias,
    [GEN_AI_USAGE_INPUT_TOKENS]: usage.promptTokens,
    [GEN_AI_USAGE_OUTPUT_TOKENS]: usage.completionTokens,
    [SWITCHYARD_TIER]: served.model.tier,
    ...(request.task_type && { [SWITCHYARD_TASK_TYPE]: request.task_type }),
    ...(typeof costMicro === 'bigint' && { [SWITCHYARD_CREDITS]: formatCredits(costMicro) }),
  });
}
