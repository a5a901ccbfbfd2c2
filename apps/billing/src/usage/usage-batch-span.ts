import { SpanKind } from '@opentelemetry/api';
import { formatCredits, USAGE_EVENTS_QUEUE, type UsageEvent } from '@switchyard/contracts';
import {
  inSpan,
  isTracing,
  type Link,
  linkToTraceparent,
  MESSAGING_BATCH_MESSAGE_COUNT,
  SWITCHYARD_BATCH_TEAMS,
  SWITCHYARD_CREDITS,
} from '@switchyard/tracing';

/**
 * One span per usage batch written to the ledger: how many events, how many teams, the credits
 * debited, and a link to each request's trace its event carried. One boolean check when tracing is off.
 */
export function inUsageBatchSpan<T>(events: readonly UsageEvent[], write: () => Promise<T>): Promise<T> {
  if (!isTracing()) return write();
  const links = events.map((e) => linkToTraceparent(e.traceparent)).filter((l): l is Link => l !== undefined);
  const attributes = {
    'messaging.system': 'bullmq',
    'messaging.destination.name': USAGE_EVENTS_QUEUE,
    [MESSAGING_BATCH_MESSAGE_COUNT]: events.length,
    [SWITCHYARD_BATCH_TEAMS]: new Set(events.map((e) => e.teamId)).size,
    [SWITCHYARD_CREDITS]: formatCredits(events.reduce((sum, e) => sum + BigInt(e.costMicro), 0n)),
  };
  return inSpan(`process ${USAGE_EVENTS_QUEUE}`, { kind: SpanKind.CONSUMER, attributes, links }, write);
}
