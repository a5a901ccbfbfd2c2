import type { ServerResponse } from 'node:http';
import type {
  ChatCompletion,
  TokenUsage,
  UsageStatus,
  ValidatedChatRequest,
  ValidatedEmbeddingsRequest,
} from '@switchyard/contracts';
import type { AuthenticatedKey } from '@switchyard/keys';
import type { RequestContext } from '../http/request-context';
import type { StallGuard } from '../http/stall-guard';
import type { RequestTrace } from '../tracing/request-trace';
import type { ChatPlan } from '../routing/chat-plan';
import type { EmbeddingsPlan } from '../routing/embeddings-plan';
import type { OpenedStream, ServedCandidate, UpstreamAttempt } from '../upstream/upstream-caller.service';
import type { Door } from './doors/door';

/** A relayed stream: the guarded client socket, and how the relay ended. */
export interface RelayedStream {
  out: StallGuard;
  /** The upstream threw after its first chunk (`failure`). */
  failed: boolean;
  failure: unknown;
  /** The client went away (or stopped reading) before the stream was over. */
  clientGone: boolean;
}

/** What the embeddings door's own stages add, in stage order. */
export interface EmbeddingsWork {
  request: ValidatedEmbeddingsRequest;
  plan?: EmbeddingsPlan;
  /** Float vectors in input order, as the upstream sent them. */
  vectors?: number[][];
}

/** Gateway time, in milliseconds of performance.now(). */
export interface PipelineTimings {
  /** When the upstream call (the first candidate's) started, and when an answer (or a stream's first chunk) came. */
  upstreamStartedAt?: number;
  upstreamEndedAt?: number;
  /** Time spent in the gateway itself, upstream excluded: x-switchyard-overhead-ms, and its metric. */
  overheadMs?: number;
}

/**
 * One request on its way through the pipeline: what the ingress knew (ids, key, door), then what
 * each stage adds, in stage order. Hooks read it; only stages write it.
 */
export interface PipelineContext {
  readonly http: RequestContext;
  readonly key: AuthenticatedKey;
  readonly door: Door;
  /** The path it came in on: its metric label. */
  readonly route: string;
  readonly res: ServerResponse;
  /** Aborted when the client hangs up before its answer is over: stops counting, aborts the upstream call. */
  readonly abort: AbortController;
  /** The parsed JSON body as the client sent it. */
  readonly wireBody: unknown;
  /** decode: the body in the internal (Chat Completions) shape. */
  decoded?: unknown;
  /** validate */
  request?: ValidatedChatRequest;
  /** The embeddings door's request (validate), plan (plan) and vectors (call-upstream); the chat fields stay unset. */
  embeddings?: EmbeddingsWork;
  /** plan */
  plan?: ChatPlan;
  /** admit: a credit hold is placed for this request (and not yet given back). */
  held: boolean;
  /** call-upstream: every provider call made, in order (the last one served, if any did). */
  readonly attempts: UpstreamAttempt[];
  served?: ServedCandidate;
  /** A whole answer, or an opened stream (its first chunk read). */
  completion?: ChatCompletion;
  opened?: OpenedStream;
  /** relay-stream */
  stream?: RelayedStream;
  /** What is billed, once the answer (or what was delivered of it) is known. */
  usage?: TokenUsage;
  status?: UsageStatus;
  /** record-usage: the cost in micro-credits; null when a streamed request's billing failed. */
  costMicro?: bigint | null;
  readonly timings: PipelineTimings;
  /** The request's spans when tracing is on (the tracing hook's own state); absent when it is off. */
  readonly trace?: RequestTrace;
}

/** A field an earlier stage sets; missing means the stages are wired out of order. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Pipeline stage ran before ${what} was set`);
  return value;
}
