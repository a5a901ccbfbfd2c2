import type { PrismaClient } from '@switchyard/db';
import type { UpstreamFaults } from '@switchyard/providers';
import { createTestPrisma } from '@switchyard/testing';
import { createTeam } from './support/e2e-fixtures';
import { startE2eStack, type E2eStack } from './support/e2e-stack';

// Real: gateway and billing processes, Postgres, Redis, the repository catalog. Faked: the
// simulated upstream behind every model, in-process, with a fault switch. In the catalog
// gpt-4o-mini (core) falls back to gpt-4.1-nano, then claude-haiku; gpt-4o (pro) to gpt-4.1.
describe('Gateway key allow-lists', () => {
  const faults: UpstreamFaults = {};
  let stack: E2eStack;
  let prisma: PrismaClient;

  const ask = (key: string, body: Record<string, unknown>) =>
    fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hello' }], max_tokens: 20, ...body }),
    });
  const keyAllowing = async (allowed: { allowedModels?: string[]; allowedTiers?: string[] }) =>
    (await createTeam(prisma, { grantMicro: 50_000_000n, ...allowed })).apiKey;
  const denied = (message: string, param: string) => ({
    error: { message, type: 'permission_denied', param, code: 'permission_denied' },
    message,
  });

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack({}, { simulator: { faults } });
  }, 90_000);

  afterEach(() => {
    delete faults.status;
    delete faults.failNext;
  });

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  it('refuses a named model the key may not use, though one of its fallbacks is allowed', async () => {
    const key = await keyAllowing({ allowedModels: ['gpt-4.1-nano'] });
    const upstreamBefore = stack.upstreamRequests();
    const res = await ask(key, { model: 'gpt-4o-mini' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(denied('This API key is not allowed to use model gpt-4o-mini.', 'model'));
    expect(stack.upstreamRequests()).toBe(upstreamBefore);
    expect((await ask(key, { model: 'gpt-4.1-nano' })).status).toBe(200);
  });

  it('refuses a named model of a tier the key may not use, though its fallback is listed', async () => {
    const key = await keyAllowing({ allowedModels: ['gpt-4o', 'gpt-4.1'], allowedTiers: ['core'] });
    const res = await ask(key, { model: 'gpt-4o' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(denied('This API key is not allowed to use pro-tier models.', 'model'));
  });

  it('lets a key with an empty model list use no model, rather than every model', async () => {
    const key = await keyAllowing({ allowedModels: [] });
    const res = await ask(key, { model: 'gpt-4o-mini' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(denied('This API key is not allowed to use model gpt-4o-mini.', 'model'));
    expect((await ask(key, { task_type: 'simple_chat' })).status).toBe(403);
  });

  it('falls back only to a model the key may use when the named one fails', async () => {
    const key = await keyAllowing({ allowedModels: ['gpt-4o-mini', 'claude-haiku'] });
    faults.status = 503;
    faults.failNext = 1;
    const res = await ask(key, { model: 'gpt-4o-mini' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-switchyard-model')).toBe('claude-haiku');
    expect(res.headers.get('x-switchyard-fallback-from')).toBe('gpt-4o-mini');
  });

  it('routes a task type to the first candidate the key may use', async () => {
    const key = await keyAllowing({ allowedModels: ['claude-haiku'] });
    const res = await ask(key, { task_type: 'simple_chat' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-switchyard-model')).toBe('claude-haiku');
  });

  it.each([
    [
      'its tier is not allowed',
      { allowedTiers: ['core'] },
      'code_gen',
      'This API key is not allowed to use pro-tier models.',
    ],
    [
      'none of its candidates is allowed',
      { allowedModels: ['gpt-4o-mini'] },
      'code_gen',
      'This API key is not allowed to use any model of task_type code_gen.',
    ],
  ])('refuses a task type when %s', async (_case, allowed, taskType, message) => {
    const key = await keyAllowing(allowed);
    const res = await ask(key, { task_type: taskType });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(denied(message, 'task_type'));
  });
});
