import { Module } from '@nestjs/common';
import { HOLD_OBSERVERS, HoldService } from '../credits/hold.service';
import { HoldMetricsHook } from '../metrics/hold-metrics.hook';
import { OverheadMetricsHook } from '../metrics/overhead-metrics.hook';
import { UpstreamMetricsHook } from '../metrics/upstream-metrics.hook';
import { UsageMetricsObserver } from '../metrics/usage-metrics.observer';
import { isTracing } from '@switchyard/tracing';
import { TpmAccountingHook } from '../rate-limit/tpm-accounting.hook';
import { TracingHook } from '../tracing/tracing.hook';
import { UpstreamCaller } from '../upstream/upstream-caller.service';
import { UpstreamHealth } from '../upstream-health/upstream-health.service';
import { UsageDelivery } from '../usage/usage-delivery.service';
import { USAGE_QUEUE_OBSERVERS } from '../usage/usage-queue';
import { ingressRoutesOf } from './ingress-routes';
import type { PipelineHook, PipelineStage } from './pipeline-stage';
import { DATA_PLANE_ROUTES } from './route-table';
import { AdmitStage } from './stages/admit.stage';
import { CallUpstreamStage } from './stages/call-upstream.stage';
import { CountTokensAnswerStage } from './stages/count-tokens-answer.stage';
import { DecodeStage } from './stages/decode.stage';
import { EncodeAnswerStage } from './stages/encode-answer.stage';
import { EmbeddingsEncodeAnswerStage, EmbeddingsRecordUsageStage } from './stages/embeddings-answer.stages';
import { EmbeddingsCallUpstreamStage } from './stages/embeddings-call-upstream.stage';
import { EmbeddingsPlanStage, EmbeddingsValidateStage } from './stages/embeddings-request.stages';
import { PlanStage } from './stages/plan.stage';
import { RecordUsageStage } from './stages/record-usage.stage';
import { RelayStreamStage } from './stages/relay-stream.stage';
import { ReleaseHoldStage } from './stages/release-hold.stage';
import { ValidateStage } from './stages/validate.stage';

/** The ingress's routes (ingress/data-plane.ingress.ts takes them in bootstrap.ts). */
export const INGRESS_ROUTES = Symbol('INGRESS_ROUTES');

const STAGES = [
  DecodeStage,
  ValidateStage,
  PlanStage,
  AdmitStage,
  CallUpstreamStage,
  RelayStreamStage,
  RecordUsageStage,
  EncodeAnswerStage,
  ReleaseHoldStage,
  // The embeddings door's own (stage.door = 'embeddings').
  EmbeddingsValidateStage,
  EmbeddingsPlanStage,
  EmbeddingsCallUpstreamStage,
  EmbeddingsRecordUsageStage,
  EmbeddingsEncodeAnswerStage,
  // count_tokens' own (stage.door = 'messages_count_tokens').
  CountTokensAnswerStage,
];

/**
 * Hooks around the stages, in order: `before` runs first to last, `after` and `onError` last to
 * first (request-pipeline.ts): a hook listed first encloses the others, hence tracing first.
 */
const PIPELINE_HOOKS = [TracingHook, UpstreamMetricsHook, OverheadMetricsHook, TpmAccountingHook];

/** Tracing off (startTracing ran before the app was built): its hook is not registered at all. */
function registered(hook: PipelineHook): boolean {
  return !(hook instanceof TracingHook) || isTracing();
}

/** The data plane: stages, hooks and the services they call, wired into one pipeline per route. */
@Module({
  providers: [
    UpstreamHealth,
    UpstreamCaller,
    HoldService,
    UsageDelivery,
    ...STAGES,
    ...PIPELINE_HOOKS,
    HoldMetricsHook,
    UsageMetricsObserver,
    // Observers outside a request's stages: holds settle, and events reach the queue, in the background.
    { provide: HOLD_OBSERVERS, inject: [HoldMetricsHook], useFactory: (...observers: unknown[]) => observers },
    {
      provide: USAGE_QUEUE_OBSERVERS,
      inject: [UsageMetricsObserver],
      useFactory: (...observers: unknown[]) => observers,
    },
    {
      provide: INGRESS_ROUTES,
      inject: [...PIPELINE_HOOKS, ...STAGES],
      useFactory: (...instances: unknown[]) =>
        ingressRoutesOf(
          DATA_PLANE_ROUTES,
          instances.slice(PIPELINE_HOOKS.length) as PipelineStage[],
          (instances.slice(0, PIPELINE_HOOKS.length) as PipelineHook[]).filter(registered),
        ),
    },
  ],
  exports: [INGRESS_ROUTES],
})
export class PipelineModule {}
