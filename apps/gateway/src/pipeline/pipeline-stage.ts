import type { PipelineContext } from './pipeline-context';

/** The stages a request can pass, by name: what hooks attach to, and what a door's stage list names. */
export type StageName =
  | 'decode'
  | 'validate'
  | 'plan'
  | 'admit'
  | 'call-upstream'
  | 'relay-stream'
  | 'record-usage'
  | 'encode-answer'
  | 'release-hold';

/** One step of the pipeline: reads what earlier stages put on the context, adds its own. */
export interface PipelineStage {
  readonly name: StageName;
  /** Whether the stage applies to this request (relay-stream only to streams); skipped stages run no hooks. */
  appliesTo?(ctx: PipelineContext): boolean;
  /** Resolves to 'end' when the request is over (nobody is left to answer): later stages do not run. */
  run(ctx: PipelineContext): Promise<void | 'end'> | void | 'end';
}

/**
 * Cross-cutting work around named stages (metrics, TPM accounting, tracing), in the spirit of
 * Bifrost's plugin pre/post hooks: `before` hooks run in registration order, `after` and `onError`
 * in reverse, so the first hook registered wraps all the others. Hooks are synchronous and
 * observe the context; a hook that throws is logged and never fails the request.
 */
export interface PipelineHook {
  readonly name: string;
  before?(stage: StageName, ctx: PipelineContext): void;
  after?(stage: StageName, ctx: PipelineContext): void;
  onError?(stage: StageName, ctx: PipelineContext, err: unknown): void;
}
