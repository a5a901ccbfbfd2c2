import { gzipSync } from 'node:zlib';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { createTeam, type TeamFixture, waitFor } from './support/e2e-fixtures';

// Real gateway and billing processes on the real Postgres and Redis; simulated upstream.
// POST /v1/chat/completions has two ways in: the chat lane (plain JSON bodies, served from
// node:http) and Nest's route (what the lane hands on: compressed bodies, other JSON media types,
// CORS calls). Whichever way a request comes in, the client must not be able to tell.
const BODY_LIMIT = 16 * 1024;
const ORIGIN = 'https://app.example';
const SHARED_HEADERS = [
  'x-request-id',
  'content-security-policy',
  'x-content-type-options',
  'strict-transport-security',
  'x-switchyard-model',
  'x-switchyard-tier',
];

type Lane = 'lane' | 'nest';

describe('The chat lane and the Nest route answer alike', () => {
  let stack: E2eStack;
  let prisma: PrismaClient;
  let team: TeamFixture;

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack({ BODY_LIMIT_BYTES: String(BODY_LIMIT), CORS_ORIGINS: ORIGIN });
    team = await createTeam(prisma, { grantMicro: 100_000_000n });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  /** The same body, sent so that the lane serves it, or so that it is handed to Nest (gzip). */
  const post = (lane: Lane, body: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${team.apiKey}`,
        'content-type': 'application/json',
        ...(lane === 'nest' ? { 'content-encoding': 'gzip' } : {}),
        ...headers,
      },
      body: lane === 'nest' ? gzipSync(body) : body,
    });
  const hello = JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Say hello.' }],
    max_tokens: 16,
    seed: 7,
  });

  it('answers and bills a completion the same way in both', async () => {
    const answers = await Promise.all((['lane', 'nest'] as const).map((lane) => post(lane, hello)));
    const bodies = await Promise.all(answers.map((res) => res.json() as Promise<Record<string, unknown>>));
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      for (const name of SHARED_HEADERS) expect(res.headers.get(name)).toBeTruthy();
      expect(bodies[i]).toMatchObject({
        object: 'chat.completion',
        model: 'gpt-4o-mini',
        choices: [{ index: 0, finish_reason: expect.any(String) }],
      });
    }
    // Same seed, same prompt: the simulated upstream gives the same text, so the same usage.
    expect(bodies[0].usage).toEqual(bodies[1].usage);
    for (const res of answers) {
      const requestId = res.headers.get('x-request-id') as string;
      const record = await waitFor(
        () => prisma.usageRecord.findUnique({ where: { requestId } }),
        20_000,
        `usage record ${requestId}`,
      );
      expect(record.status).toBe('completed');
    }
  });

  it('streams the same events in both', async () => {
    const streamed = JSON.stringify({ ...JSON.parse(hello), stream: true });
    const texts = await Promise.all(
      (['lane', 'nest'] as const).map(async (lane) => {
        const res = await post(lane, streamed);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        return res.text();
      }),
    );
    const contentOf = (text: string) =>
      text
        .split('\n\n')
        .filter((e) => e.startsWith('data: {'))
        .map((e) => JSON.parse(e.slice(6)) as { choices: { delta: { content?: string } }[] })
        .map((c) => c.choices[0]?.delta.content ?? '')
        .join('');
    expect(contentOf(texts[0])).toBe(contentOf(texts[1]));
    for (const text of texts) expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it.each([
    ['a body that is not JSON', '{"model":', 400, 'invalid_json'],
    ['an empty body', '', 400, 'invalid_request'],
    [
      'a body over the limit',
      JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(BODY_LIMIT) }] }),
      413,
      'payload_too_large',
    ],
    ['a body that fails validation', JSON.stringify({ model: 'gpt-4o-mini', messages: [] }), 400, 'invalid_request'],
  ])('refuses %s with the same error in both', async (_case, body, status, code) => {
    const answers = await Promise.all((['lane', 'nest'] as const).map((lane) => post(lane, body)));
    const errors = await Promise.all(
      answers.map((res) => res.json() as Promise<{ error: { code: string; message: string } }>),
    );
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(status);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(errors[i].error.code).toBe(code);
    }
    expect(errors[0].error.message).toBe(errors[1].error.message);
  });

  it('checks the API key after the body, in both', async () => {
    for (const lane of ['lane', 'nest'] as const) {
      const res = await post(lane, hello, { authorization: 'Bearer sk-not-ours' });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_api_key');
    }
  });

  it('leaves CORS calls to Nest, which answers them with the CORS headers', async () => {
    const res = await post('lane', hello, { origin: ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });
});
