import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { type AdminStack, createTeamWithKey, startAdminStack } from './support/admin-stack';

// Real: billing as a process (admin API), Postgres, Redis. Nothing faked. An allow-list is null
// (every model or tier) or a non-empty list; an empty list is refused, never stored as "all".
describe('Admin API key allow-lists', () => {
  let stack: AdminStack;
  let prisma: PrismaClient;

  const refusal = (message: string, param: string) => ({
    status: 400,
    body: { error: { message, type: 'invalid_request_error', param, code: 'invalid_request' }, message },
  });
  const noModel = 'allowedModels must name at least one model alias (null allows every model)';
  const noTier = 'allowedTiers must name at least one tier (null allows every tier)';
  const storedLists = (id: string) =>
    prisma.apiKey.findUniqueOrThrow({
      where: { id },
      select: { modelsRestricted: true, allowedModels: true, tiersRestricted: true, allowedTiers: true },
    });

  beforeAll(async () => {
    stack = await startAdminStack();
    prisma = createTestPrisma();
  });

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  it('shows a key without allow-lists as null: every model and tier', async () => {
    const { teamId, keyId } = await createTeamWithKey(stack);
    const key = await stack.call('GET', `/teams/${teamId}/keys/${keyId}`);
    expect(key.body).toMatchObject({ allowedModels: null, allowedTiers: null });
    expect(await storedLists(keyId)).toEqual({
      modelsRestricted: false,
      allowedModels: [],
      tiersRestricted: false,
      allowedTiers: [],
    });
  });

  it.each([
    ['an empty model list', { allowedModels: [] }, noModel, 'allowedModels'],
    ['an empty tier list', { allowedTiers: [] }, noTier, 'allowedTiers'],
  ])('refuses to issue a key with %s, issuing nothing', async (_case, lists, message, param) => {
    const { teamId } = await createTeamWithKey(stack);
    const res = await stack.call('POST', `/teams/${teamId}/keys`, { body: { name: 'empty', ...lists } });
    expect(res).toMatchObject(refusal(message, param));
    expect(await prisma.apiKey.count({ where: { teamId } })).toBe(1);
  });

  it('restricts a key, refuses to empty its list, and lifts the restriction with null', async () => {
    const { teamId, keyId } = await createTeamWithKey(stack);
    const path = `/teams/${teamId}/keys/${keyId}`;
    const restricted = await stack.call('PATCH', path, {
      body: { allowedModels: ['gpt-4o-mini'], allowedTiers: ['core'] },
    });
    expect(restricted).toMatchObject({ status: 200, body: { allowedModels: ['gpt-4o-mini'], allowedTiers: ['core'] } });

    expect(await stack.call('PATCH', path, { body: { allowedModels: [] } })).toMatchObject(
      refusal(noModel, 'allowedModels'),
    );
    expect(await stack.call('PATCH', path, { body: { allowedTiers: [] } })).toMatchObject(
      refusal(noTier, 'allowedTiers'),
    );
    expect((await stack.call('GET', path)).body).toMatchObject({
      allowedModels: ['gpt-4o-mini'],
      allowedTiers: ['core'],
    });

    const lifted = await stack.call('PATCH', path, { body: { allowedModels: null } });
    expect(lifted).toMatchObject({ status: 200, body: { allowedModels: null, allowedTiers: ['core'] } });
    expect(await storedLists(keyId)).toEqual({
      modelsRestricted: false,
      allowedModels: [],
      tiersRestricted: true,
      allowedTiers: ['core'],
    });
    const audit = await prisma.adminAuditLog.findFirst({
      where: { targetId: keyId, action: 'api_key.update' },
      orderBy: { id: 'desc' },
    });
    expect(audit).toMatchObject({ before: { allowedModels: ['gpt-4o-mini'] }, after: { allowedModels: null } });
  });

  it('keeps both kinds of allow-list through a rotation', async () => {
    const { teamId, keyId } = await createTeamWithKey(stack);
    await stack.call('PATCH', `/teams/${teamId}/keys/${keyId}`, { body: { allowedTiers: ['pro'] } });
    const rotated = await stack.call('POST', `/teams/${teamId}/keys/${keyId}/rotate`);
    expect(rotated).toMatchObject({ status: 201, body: { allowedModels: null, allowedTiers: ['pro'] } });
    expect(await storedLists(rotated.body.id)).toEqual({
      modelsRestricted: false,
      allowedModels: [],
      tiersRestricted: true,
      allowedTiers: ['pro'],
    });
  });
});
