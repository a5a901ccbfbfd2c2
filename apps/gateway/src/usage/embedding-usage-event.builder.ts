import { type UsageEvent, USAGE_EVENT_SCHEMA_VERSION } from '@switchyard/contracts';
import type { AuthenticatedKey } from '@switchyard/keys';
import type { RequestContext } from '../http/request-context';
import type { EmbeddingsPlan } from '../routing/embeddings-plan';

/**
 * The usage event of a served embeddings batch: kind `embedding`, the tokens counted before the
 * call, and their exact cost (the hold). `now`: performance.now() and the wall clock, for tests.
 */
export function buildEmbeddingUsageEvent(
  served: { http: RequestContext; key: AuthenticatedKey; plan: EmbeddingsPlan },
  now: { monotonicMs: number; wallClock: Date } = { monotonicMs: performance.now(), wallClock: new Date() },
): UsageEvent {
  const { http, key, plan } = served;
  return {
    v: USAGE_EVENT_SCHEMA_VERSION,
    requestId: http.requestId,
    clientRequestId: http.clientRequestId,
    teamId: key.teamId,
    apiKeyId: key.keyId,
    model: plan.model.alias,
    provider: plan.model.provider,
    upstreamModel: plan.model.upstreamModel,
    tier: plan.model.tier,
    taskType: null,
    kind: 'embedding',
    usage: { promptTokens: plan.promptTokens, completionTokens: 0, cachedReadTokens: 0, cacheCreationTokens: 0 },
    costMicro: plan.holdMicro.toString(),
    latencyMs: Math.round(now.monotonicMs - http.startedAt),
    status: 'completed',
    occurredAt: now.wallClock.toISOString(),
  };
}
