import type { CatalogModel } from '@switchyard/contracts';
import { USAGE_EVENT_SCHEMA_VERSION } from '@switchyard/contracts';
import type { AuthenticatedKey } from '@switchyard/keys';
import type { Candidate } from '../routing/chat-plan';
import { buildUsageEvent, type ServedRequest } from './usage-event.builder';

const model = {
  alias: 'gpt-4o-mini',
  provider: 'simulated',
  upstreamModel: 'sim-small',
  tier: 'core',
} as CatalogModel;

const served: Candidate = {
  model,
  rates: { inputPer1kMicro: 1_000n, outputPer1kMicro: 3_000n, cachedInputPer1kMicro: 500n },
  promptTokens: 1_001,
  maxTokens: 100,
};

const request: ServedRequest = {
  http: { requestId: 'req-1', clientRequestId: 'client-1', startedAt: 1_000 },
  key: { teamId: 'team-1', keyId: 'key-1' } as AuthenticatedKey,
  plan: { taskType: 'summarize' },
  served,
  usage: { promptTokens: 1_001, completionTokens: 10, cachedReadTokens: 0, cacheCreationTokens: 0 },
  status: 'partial',
};

const now = { monotonicMs: 1_234.6, wallClock: new Date('2026-12-02T12:00:00.000Z') };

describe(buildUsageEvent.name, () => {
  it('names who called, the route that served, the usage, its status and when', () => {
    expect(buildUsageEvent(request, now)).toEqual({
      v: USAGE_EVENT_SCHEMA_VERSION,
      requestId: 'req-1',
      clientRequestId: 'client-1',
      teamId: 'team-1',
      apiKeyId: 'key-1',
      model: 'gpt-4o-mini',
      provider: 'simulated',
      upstreamModel: 'sim-small',
      tier: 'core',
      taskType: 'summarize',
      usage: request.usage,
      costMicro: expect.any(String),
      latencyMs: 235,
      status: 'partial',
      occurredAt: '2026-12-02T12:00:00.000Z',
    });
  });

  it('costs the usage at the serving model rates, each token kind rounded up, as a decimal string', () => {
    // ceil(1001 × 1000 / 1000) + ceil(10 × 3000 / 1000) = 1001 + 30
    expect(buildUsageEvent(request, now).costMicro).toBe('1031');
  });
});
