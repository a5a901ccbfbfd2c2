import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@switchyard/db';
import { createSimulatedServer } from '@switchyard/providers';
import {
  type AppProcess,
  createTestPrisma,
  OtlpTraceReceiver,
  type ReceivedSpan,
  startAppProcess,
  testRedisPrefix,
} from '@switchyard/testing';
import { createTeam } from './support/e2e-fixtures';

// Real: a gateway and a billing process exporting over OTLP/HTTP (protobuf) to a local receiver
// that decodes what they send, Postgres and Redis (this run's). Simulated: the upstream, which
// records the traceparent it was sent.
const CLIENT_TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CLIENT_SPAN_ID = 'b7ad6b7169203331';

describe('OpenTelemetry traces', () => {
  let receiver: OtlpTraceReceiver;
  let prisma: PrismaClient;
  let simulator: Server;
  let gateway: AppProcess;
  let billing: AppProcess;
  const upstreamTraceparents: Array<string | string[] | undefined> = [];

  beforeAll(async () => {
    receiver = await OtlpTraceReceiver.start();
    prisma = createTestPrisma();
    simulator = createSimulatedServer({});
    simulator.on('request', (req) => upstreamTraceparents.push(req.headers.traceparent));
    simulator.listen(0, '127.0.0.1');
    await once(simulator, 'listening');
    const shared = {
      DATABASE_URL: process.env.DATABASE_URL as string,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: testRedisPrefix(`e2e-otel-${randomBytes(4).toString('hex')}`),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    };
    [gateway, billing] = await Promise.all([
      startAppProcess('gateway', {
        ...shared,
        SIMULATED_PROVIDER_URL: `http://127.0.0.1:${(simulator.address() as AddressInfo).port}/v1`,
        OPENAI_API_KEY: '',
        USAGE_SPOOL_DIR: `/tmp/sy-spool-${shared.REDIS_PREFIX}`,
      }),
      startAppProcess('billing', shared),
    ]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([gateway?.stop(), billing?.stop()]);
    simulator?.close();
    await receiver?.close();
    await prisma?.$disconnect();
  });

  it('exports a chat request’s spans under the client’s trace, forwards its traceparent, links the billing batch', async () => {
    const team = await createTeam(prisma, { grantMicro: 1_000_000_000n });
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${team.apiKey}`,
        'content-type': 'application/json',
        traceparent: `00-${CLIENT_TRACE_ID}-${CLIENT_SPAN_ID}-01`,
      },
      body: JSON.stringify({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Trace me.' }],
        max_tokens: 16,
      }),
    });
    const answer = (await res.json()) as {
      usage: { prompt_tokens: number; completion_tokens: number; credits: string };
    };
    expect(res.status).toBe(200);

    // Billing's batch span arrives on the exporter's 5 s schedule; past 20 s, stopping still flushes it.
    // Stopping also proves SIGTERM flushes the gateway's spans, still buffered by then.
    await receiver.waitFor((spans) => spans.some((s) => s.name === 'process usage-events'), 20_000).catch(() => []);
    expect(await gateway.stop()).toBe(0);
    expect(await billing.stop()).toBe(0);
    const spans = receiver.spans();
    const named = (name: string): ReceivedSpan => {
      const span = spans.find((s) => s.name === name);
      if (!span) throw new Error(`no span named ${name}; got ${spans.map((s) => s.name).join(', ')}`);
      return span;
    };

    const request = named('POST /v1/chat/completions');
    expect(request).toMatchObject({
      serviceName: 'switchyard-gateway',
      traceId: CLIENT_TRACE_ID,
      parentSpanId: CLIENT_SPAN_ID,
      kind: 2,
    });
    expect(request.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': answer.usage.prompt_tokens,
      'gen_ai.usage.output_tokens': answer.usage.completion_tokens,
      'switchyard.credits': answer.usage.credits,
      'http.response.status_code': 200,
    });
    for (const stage of ['auth', 'admission', 'usage']) {
      expect(named(stage)).toMatchObject({ traceId: CLIENT_TRACE_ID, parentSpanId: request.spanId });
    }
    const attempts = spans.filter((s) => s.kind === 3 && s.traceId === CLIENT_TRACE_ID);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ parentSpanId: request.spanId, status: { code: 0 } });
    expect(attempts[0].attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'switchyard.attempt': 1 });

    // The upstream was sent the attempt span as its parent, in the client's trace.
    expect(upstreamTraceparents).toEqual([`00-${CLIENT_TRACE_ID}-${attempts[0].spanId}-01`]);

    const batch = named('process usage-events');
    expect(batch).toMatchObject({ serviceName: 'switchyard-billing', kind: 5 });
    expect(batch.attributes).toMatchObject({
      'messaging.batch.message_count': 1,
      'switchyard.batch.teams': 1,
      'switchyard.credits': answer.usage.credits,
    });
    expect(batch.links).toEqual([{ traceId: CLIENT_TRACE_ID, spanId: named('usage').spanId }]);
  });
});
