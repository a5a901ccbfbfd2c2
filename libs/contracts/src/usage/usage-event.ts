import type { TaskType, Tier } from '../routing/task-types';

export const USAGE_EVENTS_QUEUE = 'usage-events';
export const USAGE_EVENT_JOB = 'usage';
export const USAGE_EVENT_SCHEMA_VERSION = 1;

export type UsageStatus = 'completed' | 'partial';

/** What was served: a chat door's completion or an embeddings batch. */
export type UsageKind = 'chat' | 'embedding';
export const USAGE_KINDS: readonly UsageKind[] = Object.freeze(['chat', 'embedding']);

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  cachedReadTokens: number;
  cacheCreationTokens: number;
}

/**
 * One served request, as the gateway reports it to billing. The job id is `requestId`;
 * billing's unique constraint on it is what makes the debit exactly-once.
 * Money travels as a decimal string of micro-credits because JSON has no bigint.
 */
export interface UsageEvent {
  v: typeof USAGE_EVENT_SCHEMA_VERSION;
  requestId: string;
  clientRequestId: string | null;
  teamId: string;
  apiKeyId: string;
  model: string;
  provider: string;
  upstreamModel: string;
  tier: Tier;
  taskType: TaskType | null;
  /** Absent in events from producers older than embeddings: `chat`. */
  kind?: UsageKind;
  usage: TokenUsage;
  costMicro: string;
  latencyMs: number;
  status: UsageStatus;
  occurredAt: string;
  /**
   * The W3C `traceparent` of the request's trace, when the gateway traces: billing links its batch
   * span to it. Optional, so events from before it (and from gateways not tracing) stay valid.
   */
  traceparent?: string;
}

/** BullMQ job options for usage events: many attempts, exponential backoff, failures kept. */
export const USAGE_EVENT_JOB_OPTIONS = {
  attempts: 25,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10000 },
  removeOnFail: false,
} as const;
