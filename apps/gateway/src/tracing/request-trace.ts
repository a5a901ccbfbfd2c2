import { type Span, trace } from '@opentelemetry/api';
import type { StageName } from '../pipeline/pipeline-stage';

/**
 * A traced request, on its PipelineContext (absent when tracing is off): its server span, opened by
 * the ingress and active for the whole pipeline run, and the stage spans the tracing hook has open.
 */
export interface RequestTrace {
  readonly span: Span;
  readonly stages: Map<StageName, Span>;
}

/** The active request span (the ingress's), as the pipeline context carries it. */
export function activeRequestTrace(): RequestTrace | undefined {
  const span = trace.getActiveSpan();
  return span && { span, stages: new Map() };
}
