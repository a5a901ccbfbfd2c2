import { type TokenUsage, type UsageEvent, type UsageStatus, USAGE_EVENT_SCHEMA_VERSION } from '@switchyard/contracts';
import type { AuthenticatedKey } from '@switchyard/keys';
import { costMicro } from '@switchyard/pricing';
import type { RequestContext } from '../http/request-context';
import type { ChatPlan, Candidate } from '../routing/chat-plan';

/** A served request, as billing needs to know it. */
export interface ServedRequest {
  http: RequestContext;
  key: AuthenticatedKey;
  plan: Pick<ChatPlan, 'taskType'>;
  served: Candidate;
  usage: TokenUsage;
  status: UsageStatus;
  /** The request's usage span, for billing's batch span to link to (only when tracing is on). */
  traceparent?: string;
}

/**
 * The usage event billing turns into the ledger debit: who, which route, the tokens, and their
 * cost at the serving model's rates. `now`: performance.now() and the wall clock, for tests.
 */
export function buildUsageEvent(
  request: ServedRequest,
  now: { monotonicMs: number; wallClock: Date } = { monotonicMs: performance.now(), wallClock: new Date() },
): UsageEvent {
  const { http, key, served, usage } = request;
  return {
    v: USAGE_EVENT_SCHEMA_VERSION,
    requestId: http.requestId,
    clientRequestId: http.clientRequestId,
    teamId: key.teamId,
    apiKeyId: key.keyId,
    model: served.model.alias,
    provider: served.model.provider,
    upstreamModel: served.model.upstreamModel,
    tier: served.model.tier,
    taskType: request.plan.taskType,
    usage,
    costMicro: costMicro(usage, served.rates).toString(),
    latencyMs: Math.round(now.monotonicMs - http.startedAt),
    status: request.status,
    occurredAt: now.wallClock.toISOString(),
    ...(request.traceparent !== undefined && { traceparent: request.traceparent }),
  };
}
