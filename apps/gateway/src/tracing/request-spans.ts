import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
} from '@opentelemetry/semantic-conventions';
import type { ChatCompletion } from '@switchyard/contracts';
import {
  contextFromHeaders,
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  inSpan,
  isTracing,
  markFailed,
  SWITCHYARD_ATTEMPT,
  SWITCHYARD_MODEL_ALIAS,
  SWITCHYARD_REQUEST_ID,
} from '@switchyard/tracing';
import type { Candidate } from '../routing/chat-plan';

/**
 * The gateway's async spans, each a wrapper that costs one boolean check when tracing is off: the
 * request (ingress: active for the whole pipeline run, so every span below is in its trace), auth
 * (ingress, before the pipeline), and each upstream attempt (upstream-caller: active for the call,
 * so the provider sends the attempt as the upstream's traceparent). Stage spans: tracing.hook.ts.
 */

/**
 * The request's server span, a child of the client's `traceparent` when it sent one. A failure is
 * answered (`answerError`) inside the span, so the span's status code is the error answer's.
 */
export function inRequestSpan(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  requestId: string,
  serve: () => Promise<void>,
  answerError: (err: unknown) => void,
): Promise<void> {
  if (!isTracing()) return serve().catch(answerError);
  const attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: req.method ?? 'POST',
    [ATTR_HTTP_ROUTE]: route,
    [SWITCHYARD_REQUEST_ID]: requestId,
    [GEN_AI_OPERATION_NAME]: route.endsWith('/embeddings') ? 'embeddings' : 'chat',
  };
  return inSpan(
    `${req.method ?? 'POST'} ${route}`,
    { kind: SpanKind.SERVER, attributes },
    async (span) => {
      try {
        await serve();
      } catch (err) {
        markFailed(span, err);
        answerError(err);
      } finally {
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      }
    },
    contextFromHeaders(req.headers),
  );
}

/** A span around an async step outside the pipeline's stages (auth). */
export function inStageSpan<T>(stage: string, run: () => Promise<T>): Promise<T> {
  return isTracing() ? inSpan(stage, {}, run) : run();
}

/** One upstream attempt: a client span per candidate tried, so retries and fallbacks show as siblings. */
export function inAttemptSpan<T>(candidate: Candidate, attempt: number, call: () => Promise<T>): Promise<T> {
  if (!isTracing()) return call();
  const { model } = candidate;
  const attributes = {
    [GEN_AI_OPERATION_NAME]: 'chat',
    [GEN_AI_PROVIDER_NAME]: model.provider,
    [GEN_AI_REQUEST_MODEL]: model.upstreamModel,
    [SWITCHYARD_MODEL_ALIAS]: model.alias,
    [SWITCHYARD_ATTEMPT]: attempt,
  };
  return inSpan(`chat ${model.upstreamModel}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const value = await call();
    const completion = value as Partial<ChatCompletion>;
    if (typeof completion.model === 'string') span.setAttribute(GEN_AI_RESPONSE_MODEL, completion.model);
    return value;
  });
}
