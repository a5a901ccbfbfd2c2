import { Logger } from '@nestjs/common';
import type { PipelineContext } from './pipeline-context';
import type { PipelineHook, PipelineStage, StageName } from './pipeline-stage';

/**
 * Runs a door's stages in order, with the hooks around each. When a stage throws, the `onFailure`
 * stages (release-hold) run, then the error goes on to the ingress, which answers it in the door's
 * shape, unless the client hung up before its answer: nobody is left to answer, nothing is billed.
 */
export class RequestPipeline {
  private readonly logger = new Logger(RequestPipeline.name);
  private readonly reversed: readonly PipelineHook[];

  constructor(
    readonly stages: readonly PipelineStage[],
    readonly onFailure: readonly PipelineStage[],
    readonly hooks: readonly PipelineHook[],
  ) {
    this.reversed = [...hooks].reverse();
  }

  async run(ctx: PipelineContext): Promise<void> {
    try {
      for (const stage of this.stages) if ((await this.runStage(stage, ctx)) === 'end') return;
    } catch (err) {
      for (const stage of this.onFailure) await this.runStage(stage, ctx);
      if (ctx.abort.signal.aborted && !ctx.res.headersSent) return;
      throw err;
    }
  }

  private async runStage(stage: PipelineStage, ctx: PipelineContext): Promise<void | 'end'> {
    if (stage.appliesTo && !stage.appliesTo(ctx)) return;
    for (const hook of this.hooks) if (hook.before) this.safely(hook, stage.name, () => hook.before?.(stage.name, ctx));
    let outcome: void | 'end';
    try {
      outcome = await stage.run(ctx);
    } catch (err) {
      for (const hook of this.reversed)
        if (hook.onError) this.safely(hook, stage.name, () => hook.onError?.(stage.name, ctx, err));
      throw err;
    }
    for (const hook of this.reversed)
      if (hook.after) this.safely(hook, stage.name, () => hook.after?.(stage.name, ctx));
    return outcome;
  }

  private safely(hook: PipelineHook, stage: StageName, call: () => void): void {
    try {
      call();
    } catch (err) {
      this.logger.error({ msg: 'pipeline hook failed', hook: hook.name, stage, err: String(err) });
    }
  }
}
