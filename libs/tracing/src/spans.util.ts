import {
  type Context,
  context,
  isSpanContextValid,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  type SpanOptions,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { isTracing } from './tracing-state';

const TRACER_NAME = 'switchyard';

/** The tracer every Switchyard span comes from (the API's no-op one until startTracing ran). */
export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** Adds the active span's `traceparent` to outgoing headers; nothing at all when tracing is off. */
export function injectTraceContext(headers: Record<string, string>): void {
  if (isTracing()) propagation.inject(context.active(), headers);
}

/** The active span's `traceparent`, to carry where headers do not go (a usage event); else undefined. */
export function currentTraceparent(): string | undefined {
  if (!isTracing()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** A given span's `traceparent` (one not active here: a pipeline stage's, opened by a hook). */
export function traceparentOf(span: Span): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier.traceparent;
}

/** The context an incoming request's headers name (its `traceparent`), or a fresh root. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** A span link to the span a carried `traceparent` names; undefined when it names none. */
export function linkToTraceparent(traceparent: string | undefined): Link | undefined {
  if (traceparent === undefined) return undefined;
  const linked = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
  return linked && isSpanContextValid(linked) ? { context: linked } : undefined;
}

/** Marks a span failed with the error's code (`error.type`); no message or stack, as in our logs. */
export function markFailed(span: Span, err: unknown): void {
  const code = (err as { code?: unknown } | null)?.code;
  const type = typeof code === 'string' ? code : err instanceof Error ? err.name : 'unknown';
  span.setAttribute(ATTR_ERROR_TYPE, type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

/**
 * Runs `fn` inside a new active span (child of `parent`, else of the active one), ended when
 * `fn` settles and marked failed when it throws. Work `fn` starts (an upstream call, a usage
 * event) sees this span as current, so its `traceparent` points here.
 */
export function inSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (span: Span) => Promise<T>,
  parent: Context = context.active(),
): Promise<T> {
  return tracer().startActiveSpan(name, options, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      markFailed(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}
