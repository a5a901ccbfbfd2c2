import { hashAdminToken } from '@switchyard/admin';
import { createTestPrisma } from '@switchyard/testing';
import { type AdminStack, startAdminStack } from './support/admin-stack';
import { signIn, withCookie } from './support/console-session';

// Real: billing as a process behind a (pretend) trusted proxy on loopback, with a short session
// lifetime and a small sign-in limit, so expiry and the limit are seen within seconds.
const TTL_MS = 2_000;
let stack: AdminStack;

beforeAll(async () => {
  stack = await startAdminStack({
    TRUST_PROXY: 'loopback',
    CONSOLE_SESSION_TTL_MS: String(TTL_MS),
    CONSOLE_SIGNIN_LIMIT: '3',
  });
});

afterAll(async () => {
  await stack?.stop();
});

describe('console sessions behind a trusted proxy', () => {
  it('makes the cookie Secure when the proxy says the request came over https', async () => {
    const https = await signIn(stack, stack.rootToken, {
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '198.51.100.1',
    });
    expect(https.setCookie.split(/; */)).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict']));
    const http = await signIn(stack, stack.rootToken, { 'x-forwarded-for': '198.51.100.1' });
    expect(http.setCookie.split(/; */)).not.toContain('Secure');
    // Behind the proxy the request's own origin is https too: that is the Origin a write must carry.
    const write = await withCookie(stack, 'POST', '/teams', https.cookie, {
      headers: {
        'x-csrf-token': https.csrfToken,
        'x-forwarded-proto': 'https',
        origin: `https://${new URL(stack.url).host}`,
      },
      body: { name: 'behind-proxy' },
    });
    expect(write.status).toBe(201);
  });

  it('ends a session at its expiry', async () => {
    const session = await signIn(stack, stack.rootToken, { 'x-forwarded-for': '198.51.100.2' });
    expect(session.setCookie).toContain(`Max-Age=${TTL_MS / 1000}`);
    expect((await withCookie(stack, 'GET', '/teams', session.cookie)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(session.body.expiresAt) - Date.now() + 100));
    const expired = await withCookie(stack, 'GET', '/teams', session.cookie);
    expect({ status: expired.status, code: expired.body.error?.code }).toEqual({
      status: 401,
      code: 'invalid_api_key',
    });
    expect((await withCookie(stack, 'GET', '/session', session.cookie)).status).toBe(401);
    // Signing in again with the token clears its expired sessions away.
    expect((await signIn(stack, stack.rootToken, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
    const prisma = createTestPrisma();
    try {
      const token = await prisma.adminToken.findUniqueOrThrow({
        where: { tokenHash: hashAdminToken(stack.rootToken) },
      });
      const expired = await prisma.adminSession.count({ where: { tokenId: token.id, expiresAt: { lt: new Date() } } });
      expect(expired).toBe(0);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('limits sign-in attempts per client address, good or bad, with Retry-After', async () => {
    const from = (address: string, token = 'syadm_guess') => signIn(stack, token, { 'x-forwarded-for': address });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await from('203.0.113.9')).status);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await fetch(`${stack.url}/admin/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ token: stack.rootToken }),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    expect(limited.headers.get('set-cookie')).toBeNull();
    // Another address is not held back by this one's attempts.
    expect((await from('203.0.113.10', stack.rootToken)).status).toBe(200);
  });
});
