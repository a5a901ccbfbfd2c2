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
const STREAM_TRACE_ID = '5b8efff798038103d269b633813fc60c';
const STREAM_SPAN_ID = 'eee19b7ec3c1b174';
const REFUSED_TRACE_ID = '8a3c60f7d188f8fa79d48a391a778fa6';

interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  credits: string;
}

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

  const chat = (apiKey: string, traceId: string, spanId: string, extra: object) =>
    fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${spanId}-01`,
      },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Trace me.' }], ...extra }),
    });
  // Billing's batch spans arrive on the exporter's 5 s schedule; past 20 s, stopping still flushes them.
  const batchSpans = (count: number) =>
    receiver
      .waitFor((spans) => spans.filter((s) => s.name === 'process usage-events').length >= count, 20_000)
      .catch(() => []);

  it('exports a chat request’s and a stream’s spans under their clients’ traces, forwards the traceparent, links the billing batches', async () => {
    const team = await createTeam(prisma, { grantMicro: 1_000_000_000n });
    const res = await chat(team.apiKey, CLIENT_TRACE_ID, CLIENT_SPAN_ID, { max_tokens: 16 });
    const answer = (await res.json()) as { usage: WireUsage };
    expect(res.status).toBe(200);
    // Once billing took the first event: the stream's is a batch of its own.
    await batchSpans(1);
    const streamed = await chat(team.apiKey, STREAM_TRACE_ID, STREAM_SPAN_ID, {
      max_tokens: 16,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(streamed.status).toBe(200);
    const streamUsage = (await streamed.text())
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => JSON.parse(e.slice('data: '.length)) as { usage?: WireUsage })
      .find((chunk) => chunk.usage)?.usage;
    expect(streamUsage).toBeDefined();
    await batchSpans(2);
    const refused = await chat(`${team.apiKey.slice(0, -1)}x`, REFUSED_TRACE_ID, STREAM_SPAN_ID, {});
    expect(refused.status).toBe(401);

    // Stopping also proves SIGTERM flushes the gateway's spans, still buffered by then.
    expect(await gateway.stop()).toBe(0);
    expect(await billing.stop()).toBe(0);
    const spans = receiver.spans();
    const named = (name: string, traceId = CLIENT_TRACE_ID): ReceivedSpan => {
      const span = spans.find((s) => s.name === name && s.traceId === traceId);
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
    expect(upstreamTraceparents[0]).toBe(`00-${CLIENT_TRACE_ID}-${attempts[0].spanId}-01`);
    expect(upstreamTraceparents).toHaveLength(2);

    // The stream: the same spans in its client's trace, and its usage on the request span too.
    const streamRequest = named('POST /v1/chat/completions', STREAM_TRACE_ID);
    expect(streamRequest).toMatchObject({ parentSpanId: STREAM_SPAN_ID, kind: 2, status: { code: 0 } });
    expect(streamRequest.attributes).toMatchObject({
      'gen_ai.response.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': streamUsage?.prompt_tokens,
      'gen_ai.usage.output_tokens': streamUsage?.completion_tokens,
      'switchyard.credits': streamUsage?.credits,
      'http.response.status_code': 200,
    });
    for (const stage of ['auth', 'admission', 'usage']) {
      expect(named(stage, STREAM_TRACE_ID)).toMatchObject({ parentSpanId: streamRequest.spanId });
    }
    const streamAttempts = spans.filter((s) => s.kind === 3 && s.traceId === STREAM_TRACE_ID);
    expect(streamAttempts).toHaveLength(1);
    expect(upstreamTraceparents[1]).toBe(`00-${STREAM_TRACE_ID}-${streamAttempts[0].spanId}-01`);

    // A refused key: the request span states the error answer, its auth span the error.type.
    expect(named('POST /v1/chat/completions', REFUSED_TRACE_ID)).toMatchObject({
      status: { code: 2, message: 'invalid_api_key' },
      attributes: expect.objectContaining({ 'http.response.status_code': 401, 'error.type': 'invalid_api_key' }),
    });
    expect(named('auth', REFUSED_TRACE_ID).attributes['error.type']).toBe('invalid_api_key');

    // One batch per event, each linked to its request's usage span, with the credits its client was told.
    const batches = spans.filter((s) => s.name === 'process usage-events');
    expect(batches.map((b) => ({ service: b.serviceName, kind: b.kind, links: b.links, ...b.attributes }))).toEqual(
      expect.arrayContaining(
        [
          { traceId: CLIENT_TRACE_ID, credits: answer.usage.credits },
          { traceId: STREAM_TRACE_ID, credits: streamUsage?.credits },
        ].map(({ traceId, credits }) =>
          expect.objectContaining({
            service: 'switchyard-billing',
            kind: 5,
            links: [{ traceId, spanId: named('usage', traceId).spanId }],
            'messaging.batch.message_count': 1,
            'switchyard.batch.teams': 1,
            'switchyard.credits': credits,
          }),
        ),
      ),
    );
    expect(batches).toHaveLength(2);
  }, 90_000);
});
