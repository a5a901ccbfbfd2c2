import type { ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { ChatCompletionChunk } from '@switchyard/contracts';
import type { AnthropicPassthrough } from '@switchyard/providers';
import type { PipelineContext } from '../pipeline-context';
import type { StageName } from '../pipeline-stage';

/** A whole (non-streamed) answer in the client's shape. */
export interface AnswerEncoder {
  /** The JSON body of a served request (usage and its cost are on the context). */
  encode(ctx: PipelineContext): unknown;
}

/** A streamed answer in the client's shape, as SSE events. */
export interface StreamEncoder {
  /** What opens the stream before the first chunk's event (response.created, message_start), if the API has it. */
  start?(ctx: PipelineContext): string;
  /** The event for one upstream chunk, or null when it carries nothing the client is sent. */
  chunk(ctx: PipelineContext, chunk: ChatCompletionChunk): string | null;
  /** What ends a stream that was served to its end: the usage event (when asked for) and the end marker. */
  end(ctx: PipelineContext): string;
  /** The event that ends a stream whose upstream failed after its first chunk. */
  error(ctx: PipelineContext, err: unknown): string;
}

/** Errors in the client's shape, before an answer started (status, headers, body). */
export interface ErrorEncoder {
  answer(err: unknown, requestId: string, res: ServerResponse, log: LoggerService): void;
}

/** How the route is documented at /docs. */
export interface DoorDocs {
  summary: string;
  /** The DTO class whose schema is the request body (dtoSchemas). */
  requestBody: new (...args: never[]) => object;
  okDescription: string;
  errorStatuses: readonly string[];
}

/**
 * A client API ("door"): its wire shape in and out over the one internal request and answer
 * (Chat Completions). The pipeline does the rest; a new client API is a door and a route entry
 * (route-table.ts).
 */
export interface Door {
  /** Its label: 'chat'. */
  readonly api: string;
  /** The stages that serve it, in order; `release-hold` and the like run when one of them throws. */
  readonly stages: readonly StageName[];
  readonly onFailure: readonly StageName[];
  /** The client's body (parsed JSON) in the internal shape, still to be validated. */
  decode(body: unknown): unknown;
  readonly answer: AnswerEncoder;
  /** Absent for a door without streams (embeddings). */
  readonly stream?: StreamEncoder;
  readonly errors: ErrorEncoder;
  readonly docs: DoorDocs;
  /** The client's own request, for Anthropic upstreams to receive as sent (the Messages door). */
  anthropicPassthrough?(ctx: PipelineContext): AnthropicPassthrough;
}

/** The stages of every completion-style door (chat now; responses and messages next). */
export const COMPLETION_STAGES: readonly StageName[] = [
  'decode',
  'validate',
  'plan',
  'admit',
  'call-upstream',
  'relay-stream',
  'record-usage',
  'encode-answer',
];

export const COMPLETION_FAILURE_STAGES: readonly StageName[] = ['release-hold'];
