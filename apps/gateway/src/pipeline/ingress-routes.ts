import { isTracing } from '@switchyard/tracing';
import type { IngressRoute } from '../ingress/data-plane.ingress';
import { activeRequestTrace } from '../tracing/request-trace';
import type { Door } from './doors/door';
import type { PipelineContext } from './pipeline-context';
import type { PipelineHook, PipelineStage, StageName } from './pipeline-stage';
import { RequestPipeline } from './request-pipeline';
import type { DataPlaneRoute } from './route-table';

/** The ingress's routes: each route's door, served by a pipeline of the stages the door names. */
export function ingressRoutesOf(
  routes: readonly DataPlaneRoute[],
  stages: readonly PipelineStage[],
  hooks: readonly PipelineHook[],
): IngressRoute[] {
  const byName = new Map(stages.map((stage) => [stage.door ? `${stage.door}:${stage.name}` : stage.name, stage]));
  // A door's own stage of a name (stage.door) wins over the shared one.
  const named = (door: Door, names: readonly StageName[]) =>
    names.map((name) => {
      const stage = byName.get(`${door.api}:${name}`) ?? byName.get(name);
      if (!stage) throw new Error(`No pipeline stage named ${name}`);
      return stage;
    });
  return routes.map(({ path, door }): IngressRoute => {
    const pipeline = new RequestPipeline(named(door, door.stages), named(door, door.onFailure), hooks);
    return {
      path,
      answerError: door.errors.answer,
      serve: (wireBody, http, res, key) => {
        const ctx: PipelineContext = {
          http,
          key,
          door,
          route: path,
          res,
          abort: new AbortController(),
          wireBody,
          held: false,
          attempts: [],
          timings: {},
          // The ingress runs serve() inside the request's active span (tracing/request-spans.ts).
          ...(isTracing() && { trace: activeRequestTrace() }),
        };
        // A client that hangs up stops its prompt's count, or aborts the upstream call.
        res.on('close', () => {
          if (!res.writableFinished) ctx.abort.abort();
        });
        return pipeline.run(ctx);
      },
    };
  });
}
