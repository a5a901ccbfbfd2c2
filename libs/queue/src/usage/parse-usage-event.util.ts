import {
  TASK_TYPES,
  TIERS,
  USAGE_EVENT_SCHEMA_VERSION,
  USAGE_KINDS,
  type TaskType,
  type Tier,
  type TokenUsage,
  type UsageEvent,
  type UsageStatus,
} from '@switchyard/contracts';
import { MalformedUsageEventError } from './malformed-usage-event.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MICRO = /^(0|[1-9][0-9]{0,18})$/;
const MAX_BIGINT_COLUMN = 2n ** 63n - 1n;
const MAX_INT_COLUMN = 2 ** 31 - 1;
const MAX_TEXT = 200;
const STATUSES: readonly UsageStatus[] = ['completed', 'partial'];

type Fields = Record<string, unknown>;

function record(value: unknown, field: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedUsageEventError(field, 'must be an object');
  }
  return value as Fields;
}

function text(data: Fields, field: string, path = field): string {
  const value = data[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) {
    throw new MalformedUsageEventError(path, `must be a string of 1 to ${MAX_TEXT} characters`);
  }
  return value;
}

function nullableText(data: Fields, field: string): string | null {
  return data[field] === null ? null : text(data, field);
}

function uuid(data: Fields, field: string): string {
  const value = text(data, field);
  if (!UUID.test(value)) throw new MalformedUsageEventError(field, 'must be a UUID');
  return value;
}

function count(data: Fields, field: string, path = field): number {
  const value = data[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_INT_COLUMN) {
    throw new MalformedUsageEventError(path, `must be an integer from 0 to ${MAX_INT_COLUMN}`);
  }
  return value;
}

function oneOf<T extends string>(data: Fields, field: string, allowed: readonly T[]): T {
  const value = data[field];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new MalformedUsageEventError(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function costMicro(data: Fields): string {
  const value = data.costMicro;
  if (typeof value !== 'string' || !MICRO.test(value) || BigInt(value) > MAX_BIGINT_COLUMN) {
    throw new MalformedUsageEventError('costMicro', 'must be a non-negative integer string of micro-credits');
  }
  return value;
}

function timestamp(data: Fields, field: string): string {
  const value = text(data, field);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new MalformedUsageEventError(field, 'must be an ISO 8601 timestamp');
  }
  return value;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A carried trace context is only a hint for the billing span: a malformed one is dropped, never fatal. */
function traceparent(data: Fields): { traceparent?: string } {
  const value = data.traceparent;
  return typeof value === 'string' && TRACEPARENT.test(value) ? { traceparent: value } : {};
}

function tokenUsage(data: Fields): TokenUsage {
  const usage = record(data.usage, 'usage');
  return {
    promptTokens: count(usage, 'promptTokens', 'usage.promptTokens'),
    completionTokens: count(usage, 'completionTokens', 'usage.completionTokens'),
    cachedReadTokens: count(usage, 'cachedReadTokens', 'usage.cachedReadTokens'),
    cacheCreationTokens: count(usage, 'cacheCreationTokens', 'usage.cacheCreationTokens'),
  };
}

/**
 * Checks a job's payload field by field and returns a clean copy holding only the known fields.
 * Anything that could not be written to the ledger exactly as sent is rejected with a
 * {@link MalformedUsageEventError} naming the field; fields added by a newer producer are dropped.
 */
export function parseUsageEvent(data: unknown): UsageEvent {
  const event = record(data, 'event');
  if (event.v !== USAGE_EVENT_SCHEMA_VERSION) {
    throw new MalformedUsageEventError('v', `must be ${USAGE_EVENT_SCHEMA_VERSION}`);
  }
  return {
    v: USAGE_EVENT_SCHEMA_VERSION,
    requestId: text(event, 'requestId'),
    clientRequestId: nullableText(event, 'clientRequestId'),
    teamId: uuid(event, 'teamId'),
    apiKeyId: uuid(event, 'apiKeyId'),
    model: text(event, 'model'),
    provider: text(event, 'provider'),
    upstreamModel: text(event, 'upstreamModel'),
    tier: oneOf<Tier>(event, 'tier', TIERS),
    taskType: event.taskType === null ? null : oneOf<TaskType>(event, 'taskType', TASK_TYPES),
    kind: event.kind === undefined ? 'chat' : oneOf(event, 'kind', USAGE_KINDS),
    usage: tokenUsage(event),
    costMicro: costMicro(event),
    latencyMs: count(event, 'latencyMs'),
    status: oneOf(event, 'status', STATUSES),
    occurredAt: timestamp(event, 'occurredAt'),
    ...traceparent(event),
  };
}
