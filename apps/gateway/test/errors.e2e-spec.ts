import type { PrismaClient } from '@switchyard/db';
import { generateApiKey } from '@switchyard/keys';
import { createTestPrisma, waitFor } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { startE2eStack, type E2eStack } from './support/e2e-stack';

// Real gateway and billing processes on the real Postgres and Redis; simulated upstream.
// Every error must come back in OpenAI's shape with the seed's top-level message.
const BODY_LIMIT = 64 * 1024;

function errorBody(status: string, code: string, param: string | null = null) {
  return { error: { message: expect.any(String), type: status, param, code }, message: expect.any(String) };
}

describe('Gateway errors', () => {
  let stack: E2eStack;
  let prisma: PrismaClient;
  let rich: TeamFixture;
  let broke: TeamFixture;
  let restricted: TeamFixture;
  let revoked: TeamFixture;

  const post = (key: string | null, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const hello = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] };

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    [rich, broke, restricted, revoked] = await Promise.all([
      createTeam(prisma, { grantMicro: 50_000_000n }),
      createTeam(prisma),
      createTeam(prisma, { grantMicro: 50_000_000n, allowedModels: ['gpt-4o-mini'] }),
      createTeam(prisma, { grantMicro: 50_000_000n, revoked: true }),
    ]);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  describe('401 authentication_error', () => {
    it.each([
      ['no Authorization header', () => null],
      ['a malformed key', () => 'sk-not-ours'],
      ['a well-formed key nobody issued', () => generateApiKey('live').plaintext],
      ['a revoked key', () => revoked.apiKey],
    ])('refuses %s', async (_case, key) => {
      const res = await post(key(), hello);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(errorBody('authentication_error', 'invalid_api_key'));
    });

    it('refuses a key with a broken checksum without a lookup', async () => {
      const good = rich.apiKey;
      const tampered = good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A');
      expect((await post(tampered, hello)).status).toBe(401);
    });
  });

  describe('400 invalid_request_error', () => {
    it.each([
      ['both model and task_type', { ...hello, task_type: 'summarize' }, 'task_type'],
      ['neither model nor task_type', { messages: hello.messages }, 'model'],
      ['an unknown task_type', { task_type: 'juggling', messages: hello.messages }, 'task_type'],
      ['empty messages', { model: 'gpt-4o-mini', messages: [] }, 'messages'],
      ['temperature above 2', { ...hello, temperature: 3 }, 'temperature'],
      [
        'a tool message without tool_call_id',
        { model: 'gpt-4o-mini', messages: [{ role: 'tool', content: 'x' }] },
        'messages[0].tool_call_id',
      ],
      ['n other than 1', { ...hello, n: 2 }, 'n'],
    ])('rejects %s, naming the param', async (_case, body, param) => {
      const res = await post(rich.apiKey, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual(errorBody('invalid_request_error', 'invalid_request', param));
    });

    it('rejects invalid JSON', async () => {
      const res = await post(rich.apiKey, '{"model": "gpt-4o-mini", "messages": [');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual(errorBody('invalid_request_error', 'invalid_json'));
    });
  });

  it('402 insufficient_credits before any upstream call', async () => {
    const upstreamBefore = stack.upstreamRequests();
    const res = await post(broke.apiKey, hello);
    expect(res.status).toBe(402);
    expect(await res.json()).toEqual(errorBody('insufficient_credits', 'insufficient_credits'));
    expect(stack.upstreamRequests()).toBe(upstreamBefore);
    expect(await prisma.usageRecord.count({ where: { teamId: broke.teamId } })).toBe(0);
  });

  it('403 permission_denied for a model the key may not use', async () => {
    const res = await post(restricted.apiKey, { ...hello, model: 'gpt-4o' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(errorBody('permission_denied', 'permission_denied', 'model'));
    expect((await post(restricted.apiKey, hello)).status).toBe(200);
  });

  it('404 model_not_found in the seed shape', async () => {
    const res = await post(rich.apiKey, { ...hello, model: 'invalid-model-name' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        message: 'Unknown model: invalid-model-name',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
      message: 'Unknown model: invalid-model-name',
    });
  });

  it('404 for an unknown route, still in OpenAI shape', async () => {
    const res = await fetch(`${stack.gatewayUrl}/v1/nothing-here`, {
      headers: { authorization: `Bearer ${rich.apiKey}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(errorBody('invalid_request_error', 'not_found'));
  });

  it('413 payload_too_large over the body limit', async () => {
    const huge = { ...hello, messages: [{ role: 'user', content: 'x'.repeat(BODY_LIMIT + 1) }] };
    const res = await post(rich.apiKey, huge);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual(errorBody('invalid_request_error', 'payload_too_large'));
  });

  it('never bills a refused request', async () => {
    // The restricted team was served exactly one request (in the 403 test); billing is
    // asynchronous, so wait for that one debit before asserting nothing else was billed.
    const billedOnce = async (teamId: string) => {
      const [records, entries] = await Promise.all([
        prisma.usageRecord.count({ where: { teamId } }),
        prisma.ledgerEntry.count({ where: { teamId, kind: 'usage' } }),
      ]);
      return records === 1 && entries === 1;
    };
    await waitFor(() => billedOnce(restricted.teamId), {
      timeoutMs: 20_000,
      describe: "the restricted team's one served request to be billed",
    });
    await new Promise((r) => setTimeout(r, 300)); // room for a wrongly queued event to land
    expect(await billedOnce(restricted.teamId)).toBe(true);
    for (const team of [broke, revoked]) {
      expect(await prisma.usageRecord.count({ where: { teamId: team.teamId } })).toBe(0);
      expect(await prisma.ledgerEntry.count({ where: { teamId: team.teamId, kind: 'usage' } })).toBe(0);
    }
  });

  it('lists models, one model and the task types', async () => {
    const auth = { authorization: `Bearer ${rich.apiKey}` };
    const models = (await (await fetch(`${stack.gatewayUrl}/v1/models`, { headers: auth })).json()) as {
      object: string;
      data: Array<{ id: string }>;
    };
    expect(models.object).toBe('list');
    expect(models.data.find((m) => m.id === 'gpt-4o-mini')).toMatchObject({ object: 'model', tier: 'core' });
    const one = await fetch(`${stack.gatewayUrl}/v1/models/gpt-4o-mini`, { headers: auth });
    expect(await one.json()).toMatchObject({
      id: 'gpt-4o-mini',
      tier: 'core',
      context_window: expect.any(Number),
      pricing: expect.any(Object),
    });
    const tasks = (await (await fetch(`${stack.gatewayUrl}/v1/task-types`, { headers: auth })).json()) as {
      data: unknown[];
    };
    expect(tasks.data).toHaveLength(12);
  });
});
