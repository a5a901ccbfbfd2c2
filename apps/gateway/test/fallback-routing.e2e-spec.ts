import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, waitFor } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { type FakeUpstreamStack, startFakeUpstreamStack } from './support/fake-upstreams';
import { metricValue, scrape } from './support/prometheus-text';

// Real: gateway and billing processes, Postgres, Redis. Faked: two upstreams on 127.0.0.1 speaking
// the real wire formats (OpenAI-compatible "flaky", Anthropic "claude"), with fault switches.
// Catalog: flaky-core falls back to claude-core; circuits open after 2 failures, cool down 1.5 s.
describe('Gateway fallback and circuit breaking', () => {
  let fakes: FakeUpstreamStack;
  let prisma: PrismaClient;
  let team: TeamFixture;

  const ask = (body: Record<string, unknown>) =>
    fetch(`${fakes.stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${team.apiKey}` },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Say hello' }], max_tokens: 50, ...body }),
    });
  const clearFaults = (): void => {
    for (const fake of [fakes.anthropic, fakes.flaky])
      for (const key of Object.keys(fake.faults)) delete fake.faults[key as keyof typeof fake.faults];
  };

  beforeAll(async () => {
    prisma = createTestPrisma();
    fakes = await startFakeUpstreamStack();
    team = await createTeam(prisma, { grantMicro: 100_000_000n });
  }, 90_000);

  afterEach(clearFaults);

  afterAll(async () => {
    await fakes?.stop();
    await prisma?.$disconnect();
  });

  it('answers from the fallback model when the named one is down: route in headers and in the usage record', async () => {
    fakes.flaky.faults.status = 503;
    fakes.flaky.faults.failNext = 1;
    const res = await ask({ model: 'flaky-core' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-switchyard-model')).toBe('claude-core');
    expect(res.headers.get('x-switchyard-provider')).toBe('claude');
    expect(res.headers.get('x-switchyard-fallback-from')).toBe('flaky-core');
    const body = (await res.json()) as { model: string; choices: Array<{ message: { content: string } }> };
    expect(body.model).toBe('claude-core');
    expect(body.choices[0].message.content.length).toBeGreaterThan(0);
    const requestId = res.headers.get('x-request-id') as string;
    const record = await waitFor(() => prisma.usageRecord.findUnique({ where: { requestId } }), {
      timeoutMs: 20_000,
      describe: 'the usage record',
    });
    expect(record).toMatchObject({
      model: 'claude-core',
      provider: 'claude',
      upstreamModel: 'claude-3-5-haiku',
      tier: 'core',
      status: 'completed',
    });
  });

  it('opens the circuit after repeated failures, skips the model while open, and closes it after the cool-down', async () => {
    // One success first, so earlier tests leave the breaker closed with no failures counted.
    expect((await ask({ task_type: 'simple_chat' })).headers.get('x-switchyard-model')).toBe('flaky-core');
    const flaky = { model: 'flaky-core' };
    const openedBefore = metricValue(
      await scrape(fakes.stack.gatewayUrl),
      'switchyard_upstream_circuit_opened_total',
      flaky,
    );
    fakes.flaky.faults.status = 500;
    for (let i = 0; i < 2; i++) {
      const res = await ask({ task_type: 'simple_chat' });
      expect(res.headers.get('x-switchyard-fallback-from')).toBe('flaky-core');
    }
    const flakyCallsWhenOpened = fakes.flaky.requests();
    const whileOpen = await ask({ task_type: 'simple_chat' });
    expect(whileOpen.status).toBe(200);
    expect(whileOpen.headers.get('x-switchyard-model')).toBe('claude-core');
    expect(whileOpen.headers.get('x-switchyard-fallback-from')).toBeNull();
    expect(fakes.flaky.requests()).toBe(flakyCallsWhenOpened);
    const whileOpenMetrics = await scrape(fakes.stack.gatewayUrl);
    expect(metricValue(whileOpenMetrics, 'switchyard_upstream_circuit_open', flaky)).toBe(1);
    expect(metricValue(whileOpenMetrics, 'switchyard_upstream_circuit_opened_total', flaky)).toBe(openedBefore + 1);

    clearFaults();
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const probe = await ask({ task_type: 'simple_chat' });
    expect(probe.headers.get('x-switchyard-model')).toBe('flaky-core');
    expect(fakes.flaky.requests()).toBe(flakyCallsWhenOpened + 1);
    expect((await ask({ task_type: 'simple_chat' })).headers.get('x-switchyard-model')).toBe('flaky-core');
    expect(metricValue(await scrape(fakes.stack.gatewayUrl), 'switchyard_upstream_circuit_open', flaky)).toBe(0);
  });

  it('answers 502 in OpenAI shape when every candidate fails, never showing upstream text, and bills nothing', async () => {
    const held = async () =>
      (
        (await (
          await fetch(`${fakes.stack.gatewayUrl}/v1/credits`, { headers: { authorization: `Bearer ${team.apiKey}` } })
        ).json()) as { held: string }
      ).held;
    // Earlier tests' requests stay held until billing applies their debits: start from none.
    await waitFor(async () => (await held()) === '0.000000', {
      timeoutMs: 20_000,
      describe: 'earlier holds to be applied',
    });
    fakes.flaky.faults.status = 500;
    fakes.anthropic.faults.status = 529;
    // Two models, two attempts: the first one to fail opens nothing yet (threshold 2).
    const res = await ask({ model: 'flaky-core' });
    expect(res.status).toBe(502);
    const body = await res.json();
    expect(body).toEqual({
      error: {
        message: 'The upstream provider failed (HTTP 529).',
        type: 'upstream_error',
        param: null,
        code: 'upstream_error',
      },
      message: 'The upstream provider failed (HTTP 529).',
    });
    expect(JSON.stringify(body)).not.toContain('Simulated failure');
    const requestId = res.headers.get('x-request-id') as string;
    // Its hold went back to the gateway's credit lease, which goes back to the team once idle.
    await waitFor(async () => (await held()) === '0.000000', {
      timeoutMs: 5_000,
      describe: 'the failed request’s hold to be released',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await prisma.usageRecord.findUnique({ where: { requestId } })).toBeNull();
  });

  it('answers 503 with Retry-After while every candidate’s circuit is open', async () => {
    fakes.flaky.faults.status = 500;
    fakes.anthropic.faults.status = 500;
    await ask({ model: 'flaky-core' });
    const before = fakes.anthropic.requests() + fakes.flaky.requests();
    const res = await ask({ model: 'flaky-core' });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await res.json()).toMatchObject({ error: { type: 'service_unavailable', code: 'service_unavailable' } });
    expect(fakes.anthropic.requests() + fakes.flaky.requests()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 1600));
  });

  it('passes an upstream 400 on as a 400 with a clean message, without trying another model', async () => {
    fakes.anthropic.faults.status = 400;
    const before = fakes.flaky.requests();
    const res = await ask({ model: 'claude-core' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        message: 'The upstream provider rejected the request: Simulated failure (HTTP 400).',
        type: 'invalid_request_error',
        param: null,
        code: 'upstream_bad_request',
      },
      message: 'The upstream provider rejected the request: Simulated failure (HTTP 400).',
    });
    expect(fakes.flaky.requests()).toBe(before);
  });
});
