import { waitFor } from '@switchyard/testing';
import { useFundedStack } from './support/funded-stack';
import { metricValue, scrape } from './support/prometheus-text';

// Real: gateway and billing processes, Postgres, Redis, BullMQ. Simulated: the upstream.
describe('operations endpoints: metrics, health, docs', () => {
  const e2e = useFundedStack(100_000_000n);

  const chat = (body: object, apiKey = e2e.team.apiKey) =>
    fetch(`${e2e.stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('moves the request, upstream, token, credit, hold and billing counters with the traffic', async () => {
    const before = await scrape(e2e.stack.gatewayUrl);
    const route = { route: '/v1/chat/completions' };
    const served = { ...route, status: '200', model: 'gpt-4o-mini', tier: 'core' };
    const messages = [{ role: 'user', content: 'Count to three.' }];

    const usages: { prompt_tokens: number; completion_tokens: number; credits: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await chat({ model: 'gpt-4o-mini', messages, max_tokens: 24, seed: i });
      expect(res.status).toBe(200);
      usages.push(((await res.json()) as { usage: (typeof usages)[number] }).usage);
    }
    for (let i = 0; i < 2; i++) {
      const res = await chat({
        model: 'gpt-4o-mini',
        messages,
        max_tokens: 24,
        stream: true,
        stream_options: { include_usage: true },
      });
      const text = await res.text();
      expect(text).toContain('data: [DONE]');
      const usageLine = text.split('\n').find((l) => l.includes('"usage"'));
      usages.push((JSON.parse(usageLine!.slice('data: '.length)) as { usage: (typeof usages)[number] }).usage);
    }
    expect((await chat({ model: 'gpt-4o-mini', messages }, 'sy_live_not-a-key')).status).toBe(401);
    expect((await chat({ model: 'gpt-4o-mini', messages: 'nope' })).status).toBe(400);

    // The usage counters move when each event reaches the queue, just after its answer (the
    // gateway answers once the event is journaled): scrape until the last one has.
    const emittedSince = (text: string) =>
      metricValue(text, 'switchyard_usage_events_total', { outcome: 'emitted' }) -
      metricValue(before, 'switchyard_usage_events_total', { outcome: 'emitted' });
    const after = await waitFor(
      async () => {
        const text = await scrape(e2e.stack.gatewayUrl);
        return emittedSince(text) >= 5 && metricValue(text, 'switchyard_credit_holds_active') === 0 && text;
      },
      { timeoutMs: 10_000, describe: 'the 5 usage events to be queued' },
    );
    const delta = (name: string, labels: Record<string, string> = {}) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(delta('switchyard_http_requests_total', served)).toBe(5);
    expect(delta('switchyard_http_requests_total', { ...route, status: '401' })).toBe(1);
    expect(delta('switchyard_http_requests_total', { ...route, status: '400' })).toBe(1);
    expect(delta('switchyard_http_request_duration_seconds_count', served)).toBe(5);
    expect(delta('switchyard_gateway_overhead_seconds_count', route)).toBe(5);
    // No provider key in tests: the catalog's models are served by the simulated provider.
    expect(
      delta('switchyard_upstream_request_duration_seconds_count', {
        provider: 'simulated',
        model: 'gpt-4o-mini',
        kind: 'complete',
        outcome: 'ok',
      }),
    ).toBe(3);
    expect(
      delta('switchyard_upstream_request_duration_seconds_count', {
        provider: 'simulated',
        model: 'gpt-4o-mini',
        kind: 'stream',
        outcome: 'ok',
      }),
    ).toBe(2);
    expect(delta('switchyard_upstream_time_to_first_token_seconds_count')).toBe(2);
    expect(delta('switchyard_upstream_errors_total')).toBe(0);
    const sum = (pick: (u: (typeof usages)[number]) => number) => usages.reduce((s, u) => s + pick(u), 0);
    expect(delta('switchyard_tokens_total', { model: 'gpt-4o-mini', kind: 'prompt' })).toBe(
      sum((u) => u.prompt_tokens),
    );
    expect(delta('switchyard_tokens_total', { model: 'gpt-4o-mini', kind: 'completion' })).toBe(
      sum((u) => u.completion_tokens),
    );
    expect(delta('switchyard_credits_charged_micro_total', { model: 'gpt-4o-mini' })).toBe(
      Math.round(sum((u) => Number(u.credits)) * 1_000_000),
    );
    expect(delta('switchyard_usage_events_total', { outcome: 'emitted' })).toBe(5);
    expect(delta('switchyard_credit_holds_total', { outcome: 'placed' })).toBe(5);
    expect(delta('switchyard_credit_holds_total', { outcome: 'settled' })).toBe(5);
    expect(metricValue(after, 'switchyard_credit_holds_active')).toBe(0);
    expect(metricValue(after, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds\{app="gateway"\} \d/m);

    // Billing applies the five events and says so; the queue gauges are read at scrape time.
    const billingUrl = e2e.stack.billing.url;
    const billed = await waitFor(
      async () => {
        const text = await scrape(billingUrl);
        return metricValue(text, 'switchyard_billing_events_total', { outcome: 'applied' }) >= 5 ? text : null;
      },
      { timeoutMs: 20_000, describe: 'billing metrics' },
    );
    expect(metricValue(billed, 'switchyard_billing_events_total', { outcome: 'applied' })).toBe(5);
    expect(metricValue(billed, 'switchyard_billing_event_lag_seconds_count')).toBe(5);
    expect(billed).toMatch(/^switchyard_queue_jobs\{queue="usage-events",state="waiting",app="billing"\} 0$/m);
    expect(billed).toMatch(/^switchyard_queue_oldest_waiting_age_seconds\{queue="usage-events",app="billing"\} 0$/m);
    expect(metricValue(billed, 'process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
  }, 60_000);

  it.each([
    ['gateway', () => e2e.stack.gatewayUrl],
    ['billing', () => e2e.stack.billing.url],
  ])('%s answers liveness and readiness with Postgres, Redis and the queue up', async (_name, url) => {
    const live = await fetch(`${url()}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    const ready = await fetch(`${url()}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      details: {
        accepting: { status: 'up' },
        postgres: { status: 'up' },
        redis: { status: 'up' },
        queue: { status: 'up' },
      },
    });
  });

  it('serves OpenAPI docs for /v1 with the chat request schema generated from its DTO', async () => {
    const doc = (await (await fetch(`${e2e.stack.gatewayUrl}/docs-json`)).json()) as {
      paths: Record<string, { post?: { requestBody?: unknown } }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(Object.keys(doc.paths).sort()).toEqual(
      expect.arrayContaining(['/v1/chat/completions', '/v1/models', '/v1/models/{id}', '/v1/credits']),
    );
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/v1'))).toBe(true);
    expect(doc.paths['/v1/embeddings'].post?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateEmbeddingDto' } } },
    });
    expect(doc.components.schemas.CreateEmbeddingDto.properties).toMatchObject({
      encoding_format: { enum: ['float', 'base64'] },
      dimensions: { type: 'integer', minimum: 1 },
    });
    expect(doc.paths['/v1/chat/completions'].post?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateChatCompletionDto' } } },
    });
    expect(doc.components.schemas.CreateChatCompletionDto.properties).toMatchObject({
      messages: { type: 'array', items: { $ref: '#/components/schemas/ChatMessageDto' } },
      temperature: { type: 'number', minimum: 0, maximum: 2 },
    });
    expect(doc.components.schemas.ChatMessageDto.properties).toMatchObject({
      role: { enum: ['system', 'developer', 'user', 'assistant', 'tool'] },
    });
    expect((await fetch(`${e2e.stack.gatewayUrl}/docs`)).status).toBe(200);

    const billingDoc = (await (await fetch(`${e2e.stack.billing.url}/docs-json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(billingDoc.paths).length).toBeGreaterThan(0);
    expect(Object.keys(billingDoc.paths).every((p) => p.startsWith('/admin/v1'))).toBe(true);
  });

  it('sends security headers and no CORS headers by default', async () => {
    const res = await fetch(`${e2e.stack.gatewayUrl}/v1/models`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
