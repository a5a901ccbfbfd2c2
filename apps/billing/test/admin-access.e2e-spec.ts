import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { type AdminStack, createTeamWithKey, startAdminStack } from './support/admin-stack';

// Real: billing as a process, Postgres, Redis. Nothing faked. Team A's scoped tokens try every
// route that names a team (or reaches team data by another id) against team B.
let stack: AdminStack;
let prisma: PrismaClient;
let teamA: { teamId: string; keyId: string; apiKey: string };
let teamB: { teamId: string; keyId: string; apiKey: string };
let aWrite: string;
let aRead: string;

beforeAll(async () => {
  stack = await startAdminStack();
  prisma = createTestPrisma();
  teamA = await createTeamWithKey(stack, 'team-a');
  teamB = await createTeamWithKey(stack, 'team-b');
  aWrite = (
    await stack.call('POST', '/admin-tokens', { body: { name: 'a-ops', scope: 'write', teamId: teamA.teamId } })
  ).body.token;
  aRead = (
    await stack.call('POST', '/admin-tokens', { body: { name: 'a-viewer', scope: 'read', teamId: teamA.teamId } })
  ).body.token;
});

afterAll(async () => {
  await stack?.stop();
  await prisma?.$disconnect();
});

function teamRoutes(teamId: string, keyId: string): [string, string, unknown?][] {
  return [
    ['GET', `/teams/${teamId}`],
    ['PATCH', `/teams/${teamId}`, { name: 'pwned' }],
    ['POST', `/teams/${teamId}/disable`],
    ['POST', `/teams/${teamId}/enable`],
    ['GET', `/teams/${teamId}/keys`],
    ['POST', `/teams/${teamId}/keys`, { name: 'evil' }],
    ['GET', `/teams/${teamId}/keys/${keyId}`],
    ['PATCH', `/teams/${teamId}/keys/${keyId}`, { rpmLimit: 1 }],
    ['POST', `/teams/${teamId}/keys/${keyId}/revoke`],
    ['POST', `/teams/${teamId}/keys/${keyId}/rotate`],
    ['POST', `/teams/${teamId}/credits/grants`, { amountMicro: '1' }],
    ['POST', `/teams/${teamId}/credits/adjustments`, { amountMicro: '1', memo: 'x' }],
    ['POST', `/teams/${teamId}/credits/refunds`, { requestId: 'req_x' }],
    ['GET', `/teams/${teamId}/ledger`],
    ['GET', `/teams/${teamId}/ledger/export`],
    ['GET', `/teams/${teamId}/usage?groupBy=day`],
    ['GET', `/reconciliation?teamId=${teamId}`],
    ['GET', `/audit-log?teamId=${teamId}`],
  ];
}

describe('admin API: authentication, scopes and team isolation', () => {
  it("never lets team A's scoped token read or change team B's data, on any route that names a team", async () => {
    const auditBefore = await prisma.adminAuditLog.count({ where: { teamId: teamB.teamId } });
    const teamBBefore = await stack.call('GET', `/teams/${teamB.teamId}`);
    for (const [method, path, body] of teamRoutes(teamB.teamId, teamB.keyId)) {
      for (const token of [aWrite, aRead]) {
        const res = await stack.call(method, path, { token, body, idempotencyKey: 'bola' });
        expect({ method, path, status: res.status, code: res.body?.error?.code }).toEqual({
          method,
          path,
          status: 404,
          code: 'not_found',
        });
      }
    }
    // Team A's key id under team A's path is not a way into team B either.
    const crossKey = await stack.call('POST', `/teams/${teamA.teamId}/keys/${teamB.keyId}/revoke`, { token: aWrite });
    expect(crossKey.status).toBe(404);
    expect(await stack.call('GET', `/teams/${teamB.teamId}`)).toMatchObject({ body: teamBBefore.body });
    expect(await prisma.adminAuditLog.count({ where: { teamId: teamB.teamId } })).toBe(auditBefore);
    expect(await prisma.ledgerEntry.count({ where: { teamId: teamB.teamId } })).toBe(0);
    await expect(prisma.apiKey.findUniqueOrThrow({ where: { id: teamB.keyId } })).resolves.toMatchObject({
      status: 'active',
      rpmLimit: null,
    });
  });

  it('shows a scoped token only its own team in lists, and lets it work on that team', async () => {
    const list = await stack.call('GET', '/teams', { token: aRead });
    expect(list.body.teams.map((t: { id: string }) => t.id)).toEqual([teamA.teamId]);
    const audit = await stack.call('GET', '/audit-log', { token: aRead });
    expect(audit.body.every((row: { teamId: string }) => row.teamId === teamA.teamId)).toBe(true);
    const tokens = await stack.call('GET', '/admin-tokens', { token: aRead });
    expect(tokens.body.map((t: { name: string }) => t.name).sort()).toEqual(['a-ops', 'a-viewer']);
    const grant = await stack.call('POST', `/teams/${teamA.teamId}/credits/grants`, {
      token: aWrite,
      idempotencyKey: 'own',
      body: { amountMicro: '10' },
    });
    expect(grant.status).toBe(201);
    expect(grant.body.entry.actor).toBe('admin:a-ops');
    const reconciliation = await stack.call('GET', '/reconciliation', { token: aRead });
    expect(reconciliation.body).toMatchObject({ ok: true, teamsChecked: 1 });
  });

  it('keeps creating teams and admin tokens to all-teams tokens', async () => {
    const team = await stack.call('POST', '/teams', { token: aWrite, body: { name: 'x' } });
    expect(team.status).toBe(403);
    const token = await stack.call('POST', '/admin-tokens', { token: aWrite, body: { name: 'x', scope: 'write' } });
    expect(token.status).toBe(403);
  });

  it('refuses writes with a read-only token', async () => {
    const res = await stack.call('PATCH', `/teams/${teamA.teamId}`, { token: aRead, body: { name: 'renamed' } });
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      message: 'This admin token is read-only.',
      type: 'permission_denied',
      param: null,
      code: 'permission_denied',
    });
  });

  it('refuses API keys, unknown and revoked admin tokens, and a missing header with 401', async () => {
    const apiKey = await stack.call('GET', '/teams', { token: teamA.apiKey });
    expect(apiKey.status).toBe(401);
    expect(apiKey.body.error).toEqual({
      message: 'API keys are not accepted on the admin API: use an admin token.',
      type: 'authentication_error',
      param: null,
      code: 'invalid_api_key',
    });
    expect((await stack.call('GET', '/teams', { token: 'syadm_nope' })).status).toBe(401);
    const res = await fetch(`${stack.url}/admin/v1/teams`);
    expect(res.status).toBe(401);

    const temp = await stack.call('POST', '/admin-tokens', { body: { name: 'temp', scope: 'read' } });
    expect((await stack.call('GET', '/teams', { token: temp.body.token })).status).toBe(200);
    await stack.call('POST', `/admin-tokens/${temp.body.id}/revoke`);
    expect((await stack.call('GET', '/teams', { token: temp.body.token })).status).toBe(401);
  });

  it('stores admin tokens and keys as hashes only, and audits team and key changes with before and after', async () => {
    const rows = await prisma.adminToken.findMany();
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.tokenHash) && r.tokenHash !== stack.rootToken)).toBe(true);
    const team = await createTeamWithKey(stack, 'audited');
    await stack.call('PATCH', `/teams/${team.teamId}`, { body: { name: 'audited-2' } });
    await stack.call('PATCH', `/teams/${team.teamId}/keys/${team.keyId}`, {
      body: { rpmLimit: 60, allowedTiers: ['core'], expiresAt: '2099-01-01T00:00:00Z' },
    });
    const rotated = await stack.call('POST', `/teams/${team.teamId}/keys/${team.keyId}/rotate`);
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({
      rpmLimit: 60,
      allowedTiers: ['core'],
      expiresAt: '2099-01-01T00:00:00.000Z',
      status: 'active',
      revoked: { id: team.keyId, status: 'revoked' },
    });
    const keys = await stack.call('GET', `/teams/${team.teamId}/keys`);
    expect(keys.body.map((k: { status: string }) => k.status)).toEqual(['revoked', 'active']);
    expect(JSON.stringify(keys.body)).not.toContain(rotated.body.key);

    const audit = await prisma.adminAuditLog.findMany({ where: { teamId: team.teamId }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual([
      'team.create',
      'api_key.create',
      'team.update',
      'api_key.update',
      'api_key.revoke',
      'api_key.create',
    ]);
    expect(audit[2]).toMatchObject({
      actor: 'admin:bootstrap',
      targetType: 'team',
      before: { name: 'audited' },
      after: { name: 'audited-2' },
    });
    expect(audit[3]).toMatchObject({ before: { rpmLimit: null }, after: { rpmLimit: 60, allowedTiers: ['core'] } });
  });

  it('answers bad input in the OpenAI error shape', async () => {
    const res = await stack.call('POST', `/teams/${teamA.teamId}/keys`, { body: { name: 'k', rpmLimit: -1 } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        message: 'rpmLimit must not be less than 1',
        type: 'invalid_request_error',
        param: 'rpmLimit',
        code: 'invalid_request',
      },
      message: 'rpmLimit must not be less than 1',
    });
    expect((await stack.call('GET', '/teams/not-a-uuid')).status).toBe(404);
  });
});
