import { randomUUID } from 'node:crypto';
import type { UsageEvent } from '@switchyard/contracts';

/**
 * A valid usage event (one core-small request on the simulated provider, a fresh request id and
 * owner) with `overrides` applied. Specs name only the fields their assertions depend on.
 */
export function usageEventFixture(overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    v: 1,
    requestId: `req_${randomUUID()}`,
    clientRequestId: null,
    teamId: randomUUID(),
    apiKeyId: randomUUID(),
    model: 'core-small',
    provider: 'simulated',
    upstreamModel: 'sim-core-1',
    kind: 'chat',
    tier: 'core',
    taskType: null,
    usage: { promptTokens: 1, completionTokens: 1, cachedReadTokens: 0, cacheCreationTokens: 0 },
    costMicro: '100',
    latencyMs: 5,
    status: 'completed',
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}
