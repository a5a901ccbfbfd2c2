import { createHash } from 'node:crypto';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { type AdminStack, createTeamWithKey, startAdminStack } from './support/admin-stack';
import { signIn, withCookie } from './support/console-session';

// Real: billing as a process, Postgres, Redis. The console's session cookie, made and sent by hand.
let stack: AdminStack;
let prisma: PrismaClient;
let teamA: { teamId: string; keyId: string };
let teamB: { teamId: string; keyId: string };

beforeAll(async () => {
  stack = await startAdminStack();
  prisma = createTestPrisma();
  teamA = await createTeamWithKey(stack, 'session-a');
  teamB = await createTeamWithKey(stack, 'session-b');
});

afterAll(async () => {
  await stack?.stop();
  await prisma?.$disconnect();
});

async function tokenWith(scope: 'read' | 'write', teamId: string | null): Promise<{ id: string; token: string }> {
  const res = await stack.call('POST', '/admin-tokens', { body: { name: `console-${scope}`, scope, teamId } });
  return { id: res.body.id, token: res.body.token };
}

describe('console sessions', () => {
  it('answers sign-in with an HttpOnly, SameSite=Strict cookie (not Secure over http), stored hashed', async () => {
    const before = Date.now();
    const session = await signIn(stack, stack.rootToken, { 'x-forwarded-proto': 'https' });
    expect(session.status).toBe(200);
    expect(session.body).toEqual({
      scope: 'write',
      teamId: null,
      expiresAt: expect.any(String),
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const expiresIn = Date.parse(session.body.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(8 * 3_600_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(8 * 3_600_000 + 60_000);
    expect(session.cookie).toMatch(/^sy_session=[A-Za-z0-9_-]{43}$/);
    const flags = session.setCookie.split(/; */).slice(1);
    expect(flags).toEqual(expect.arrayContaining(['Max-Age=28800', 'Path=/', 'HttpOnly', 'SameSite=Strict']));
    // No trusted proxy here: a client's own X-Forwarded-Proto does not make the request https.
    expect(flags).not.toContain('Secure');
    const value = session.cookie.slice('sy_session='.length);
    const rows = await prisma.adminSession.findMany({ where: { sessionHash: { in: [value, sha256(value)] } } });
    expect(rows.map((r) => r.sessionHash)).toEqual([sha256(value)]);

    const status = await withCookie(stack, 'GET', '/session', session.cookie);
    expect(status).toMatchObject({ status: 200, body: session.body });
  });

  it('refuses a bad token (401, admin error shape) and an API key, setting no cookie', async () => {
    const apiKey = (await createTeamWithKey(stack, 'session-key')).apiKey;
    for (const token of ['syadm_not-a-token', apiKey]) {
      const res = await signIn(stack, token);
      expect({ status: res.status, code: res.body.error?.code, cookie: res.setCookie }).toEqual({
        status: 401,
        code: 'invalid_api_key',
        cookie: '',
      });
    }
    expect((await withCookie(stack, 'GET', '/session', 'sy_session=unknown')).status).toBe(401);
    expect((await withCookie(stack, 'GET', '/session', '')).status).toBe(401);
  });

  it('accepts the cookie on every /admin/v1 route; writes need x-csrf-token and this origin (403 csrf_failed)', async () => {
    const { cookie, csrfToken } = await signIn(stack, stack.rootToken);
    expect((await withCookie(stack, 'GET', `/teams/${teamA.teamId}`, cookie)).status).toBe(200);
    const grant = (headers: Record<string, string>) =>
      withCookie(stack, 'POST', `/teams/${teamA.teamId}/credits/grants`, cookie, {
        headers: { 'idempotency-key': `csrf-${Math.random()}`, ...headers },
        body: { amountMicro: '1000' },
      });
    const refused = [
      await grant({}),
      await grant({ 'x-csrf-token': 'wrong' }),
      await grant({ 'x-csrf-token': csrfToken, origin: 'https://evil.example' }),
      await grant({ 'x-csrf-token': csrfToken, origin: 'null' }),
    ];
    for (const res of refused)
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 403, code: 'csrf_failed' });
    expect(await prisma.ledgerEntry.count({ where: { teamId: teamA.teamId } })).toBe(0);
    expect((await grant({ 'x-csrf-token': csrfToken })).status).toBe(201);
    expect((await grant({ 'x-csrf-token': csrfToken, origin: stack.url })).status).toBe(201);
    // A Bearer token is never sent by a browser on its own: it needs no CSRF token.
    expect((await stack.call('POST', `/teams/${teamA.teamId}/disable`)).status).toBe(200);
    expect((await stack.call('POST', `/teams/${teamA.teamId}/enable`)).status).toBe(200);
  });

  it("keeps a read-scope token's and a team-scoped token's limits with the cookie", async () => {
    const reader = await signIn(stack, (await tokenWith('read', null)).token);
    expect(reader.body).toMatchObject({ scope: 'read', teamId: null });
    const write = await withCookie(stack, 'POST', `/teams/${teamA.teamId}/disable`, reader.cookie, {
      headers: { 'x-csrf-token': reader.csrfToken },
    });
    expect({ status: write.status, code: write.body.error?.code }).toEqual({ status: 403, code: 'permission_denied' });
    expect((await withCookie(stack, 'GET', `/teams/${teamB.teamId}`, reader.cookie)).status).toBe(200);

    const scoped = await signIn(stack, (await tokenWith('write', teamA.teamId)).token);
    expect(scoped.body).toMatchObject({ scope: 'write', teamId: teamA.teamId });
    for (const path of [`/teams/${teamB.teamId}`, `/teams/${teamB.teamId}/ledger`, `/teams/${teamB.teamId}/keys`])
      expect((await withCookie(stack, 'GET', path, scoped.cookie)).status).toBe(404);
    const teams = await withCookie(stack, 'GET', '/teams', scoped.cookie);
    expect(teams.body.teams.map((t: { id: string }) => t.id)).toEqual([teamA.teamId]);
  });

  it('signs out: 204, the cookie cleared (Max-Age=0), the session ended for good', async () => {
    const { cookie, csrfToken } = await signIn(stack, stack.rootToken);
    const forged = await withCookie(stack, 'DELETE', '/session', cookie);
    expect({ status: forged.status, code: forged.body.error?.code }).toEqual({ status: 403, code: 'csrf_failed' });
    const out = await withCookie(stack, 'DELETE', '/session', cookie, { headers: { 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^sy_session=; Max-Age=0; Path=\/;.*HttpOnly; SameSite=Strict/);
    expect((await withCookie(stack, 'GET', '/session', cookie)).status).toBe(401);
    expect((await withCookie(stack, 'GET', '/teams', cookie)).status).toBe(401);
    // Signing out again (an ended session) only clears the cookie.
    expect((await withCookie(stack, 'DELETE', '/session', cookie)).status).toBe(204);
  });

  it('ends every session of a revoked admin token', async () => {
    const token = await tokenWith('write', null);
    const [first, second] = [await signIn(stack, token.token), await signIn(stack, token.token)];
    expect((await withCookie(stack, 'GET', '/teams', first.cookie)).status).toBe(200);
    expect((await stack.call('POST', `/admin-tokens/${token.id}/revoke`)).status).toBe(200);
    for (const { cookie } of [first, second]) {
      const res = await withCookie(stack, 'GET', '/teams', cookie);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 401, code: 'invalid_api_key' });
    }
    const rows = await prisma.adminSession.findMany({ where: { tokenId: token.id } });
    expect(rows.map((r) => r.endedAt !== null)).toEqual([true, true]);
  });
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
