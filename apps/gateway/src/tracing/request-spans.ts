import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Span, SpanKind, trace } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
} from '@opentelemetry/semantic-conventions';
import { type ChatCompletion, formatCredits } from '@switchyard/contracts';
import {
  contextFromHeaders,
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  inSpan,
  isTracing,
  SWITCHYARD_ATTEMPT,
  SWITCHYARD_CREDITS,
  SWITCHYARD_MODEL_ALIAS,
  SWITCHYARD_REQUEST_ID,
} from '@switchyard/tracing';
import type { Candidate } from '../chat-completions/chat-plan';

/**
 * The gateway's spans, each a wrapper that costs one boolean check when tracing is off. Placed at
 * the narrowest points of the current request path (ingress, auth, each upstream attempt, the
 * answer) until the request pipeline's stage hooks exist to carry them.
 */

/** The request's server span, a child of the client's `traceparent` when it sent one. */
export function inRequestSpan(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  requestId: string,
  serve: () => Promise<void>,
): Promise<void> {
  if (!isTracing()) return serve();
  const attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: req.method ?? 'POST',
    [ATTR_HTTP_ROUTE]: route,
    [SWITCHYARD_REQUEST_ID]: requestId,
    [GEN_AI_OPERATION_NAME]: 'chat',
  };
  return inSpan(
    `${req.method ?? 'POST'} ${route}`,
    { kind: SpanKind.SERVER, attributes },
    async (span) => {
      try {
        await serve();
      } finally {
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      }
    },
    contextFromHeaders(req.headers),
  );
}

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

/** The answer's GenAI attributes on the request span: what served it, the tokens, the credits. */
export function annotateRequestSpan(
  requestedModel: string,
  servedAlias: string,
  inputTokens: number,
  outputTokens: number,
  costMicro: bigint,
): void {
  if (!isTracing()) return;
  const span: Span | undefined = trace.getActiveSpan();
  span?.setAttributes({
    [GEN_AI_REQUEST_MODEL]: requestedModel,
    [GEN_AI_RESPONSE_MODEL]: servedAlias,
    [GEN_AI_USAGE_INPUT_TOKENS]: inputTokens,
    [GEN_AI_USAGE_OUTPUT_TOKENS]: outputTokens,
    [SWITCHYARD_CREDITS]: formatCredits(costMicro),
  });
}
