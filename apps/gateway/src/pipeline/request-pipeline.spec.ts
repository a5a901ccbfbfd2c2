import { Logger } from '@nestjs/common';
import type { PipelineContext } from './pipeline-context';
import type { PipelineHook, PipelineStage, StageName } from './pipeline-stage';
import { RequestPipeline } from './request-pipeline';

/** Only what the pipeline itself reads of a context: the abort signal and whether an answer started. */
function context(): PipelineContext {
  return { abort: new AbortController(), res: { headersSent: false } } as unknown as PipelineContext;
}

function recorder() {
  const seen: string[] = [];
  const stage = (name: StageName, run: PipelineStage['run'] = () => undefined, appliesTo?: () => boolean) => ({
    name,
    appliesTo,
    run: (ctx: PipelineContext) => {
      seen.push(`run ${name}`);
      return run(ctx);
    },
  });
  const hook = (name: string): PipelineHook => ({
    name,
    before: (s) => void seen.push(`${name} before ${s}`),
    after: (s) => void seen.push(`${name} after ${s}`),
    onError: (s, _ctx, err) => void seen.push(`${name} error ${s}: ${String(err)}`),
  });
  return { seen, stage, hook };
}

describe(RequestPipeline.name, () => {
  it('runs the stages in order, before-hooks first to last and after-hooks last to first', async () => {
    const { seen, stage, hook } = recorder();
    const pipeline = new RequestPipeline([stage('decode'), stage('validate')], [], [hook('a'), hook('b')]);
    await pipeline.run(context());
    expect(seen).toEqual([
      'a before decode',
      'b before decode',
      'run decode',
      'b after decode',
      'a after decode',
      'a before validate',
      'b before validate',
      'run validate',
      'b after validate',
      'a after validate',
    ]);
  });

  it('skips a stage that does not apply, hooks and all', async () => {
    const { seen, stage, hook } = recorder();
    const stages = [stage('relay-stream', undefined, () => false), stage('record-usage')];
    await new RequestPipeline(stages, [], [hook('a')]).run(context());
    expect(seen).toEqual(['a before record-usage', 'run record-usage', 'a after record-usage']);
  });

  it('stops after a stage that ends the request, and runs no failure stages', async () => {
    const { seen, stage } = recorder();
    const stages = [stage('plan', () => 'end'), stage('admit')];
    await new RequestPipeline(stages, [stage('release-hold')], []).run(context());
    expect(seen).toEqual(['run plan']);
  });

  it('on a throw: onError hooks (last to first), the failure stages, then the error goes on', async () => {
    const { seen, stage, hook } = recorder();
    const boom = new Error('boom');
    const stages = [
      stage('admit', () => {
        throw boom;
      }),
      stage('call-upstream'),
    ];
    const pipeline = new RequestPipeline(stages, [stage('release-hold')], [hook('a'), hook('b')]);
    await expect(pipeline.run(context())).rejects.toBe(boom);
    expect(seen).toEqual([
      'a before admit',
      'b before admit',
      'run admit',
      'b error admit: Error: boom',
      'a error admit: Error: boom',
      'a before release-hold',
      'b before release-hold',
      'run release-hold',
      'b after release-hold',
      'a after release-hold',
    ]);
  });

  it('swallows the error of a request whose client hung up before its answer: nobody is left to answer', async () => {
    const { stage } = recorder();
    const ctx = context();
    ctx.abort.abort();
    const failing = stage('call-upstream', () => Promise.reject(new Error('aborted')));
    await expect(new RequestPipeline([failing], [], []).run(ctx)).resolves.toBeUndefined();
  });

  it('never fails a request for a hook that throws', async () => {
    const { seen, stage, hook } = recorder();
    const broken: PipelineHook = {
      name: 'broken',
      before: () => {
        throw new Error('hook bug');
      },
    };
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    await new RequestPipeline([stage('decode')], [], [broken, hook('a')]).run(context());
    expect(seen).toEqual(['a before decode', 'run decode', 'a after decode']);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ hook: 'broken', stage: 'decode' }));
    logged.mockRestore();
  });
});
