import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, signIn } from './support/console-browser';
import { type ConsoleStack, startConsoleStack } from './support/console-stack';

// Real: Chromium, billing serving the console, Postgres, Redis (see console-stack.ts). What a
// token may do, CSRF, and the end of a session; sessions last 10 s here so one can expire.
const SESSION_TTL_MS = 10_000;

let stack: ConsoleStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

/** A write from the console's own page with its session's CSRF token, as the app would send it. */
function postFromPage(page: Page, path: string, body: unknown): Promise<{ status: number; code: string | null }> {
  return page.evaluate(
    async ([url, json]) => {
      const session = (await (await fetch('/admin/v1/session')).json()) as { csrfToken: string };
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: json,
      });
      return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code ?? null };
    },
    [`/admin/v1${path}`, JSON.stringify(body)] as const,
  );
}

async function createToken(scope: 'read' | 'write', teamId?: string): Promise<string> {
  const created = await stack.admin('POST', '/admin-tokens', { name: `console-${scope}`, scope, teamId });
  expect(created.status).toBe(201);
  return created.body.token;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startConsoleStack({ CONSOLE_SESSION_TTL_MS: String(SESSION_TTL_MS) }),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await stack?.stop();
});

describe('the web console: what a token may do', () => {
  it('shows a read-scope token no write control, and billing refuses its forged write', async () => {
    const team = await stack.admin('POST', '/teams', { name: 'read-only-view' });
    const page = await newPage();
    await signIn(page, stack.consoleUrl, await createToken('read'));
    await expect(page.getByTestId('scope').textContent()).resolves.toBe('Read only · all teams');
    await page.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('link', { name: 'read-only-view' }).waitFor();
    expect(await page.getByRole('button', { name: /Create team|Disable|Enable/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'read-only-view' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    expect(await page.getByRole('button', { name: /Grant|Adjust|Refund|Issue a key/ }).count()).toBe(0);

    const forged = await postFromPage(page, `/teams/${team.body.id}/credits/grants`, { amountMicro: '1000000' });
    expect(forged).toEqual({ status: 403, code: expect.any(String) });
    expect((await stack.admin('GET', `/teams/${team.body.id}/ledger`)).body.entries).toEqual([]);
  });

  it('keeps a team-scoped token to its team: another team’s page answers 404', async () => {
    const [own, other] = await Promise.all([
      stack.admin('POST', '/teams', { name: 'scoped-own' }),
      stack.admin('POST', '/teams', { name: 'scoped-other' }),
    ]);
    const page = await newPage();
    await signIn(page, stack.consoleUrl, await createToken('write', own.body.id));
    await expect(page.getByTestId('scope').textContent()).resolves.toBe('Read and write · one team');
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    await page.getByRole('heading', { name: /scoped-own/ }).waitFor();

    await page.goto(`${stack.consoleUrl}teams/${other.body.id}`);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Error 404');
    expect(await page.getByText('scoped-other').count()).toBe(0);
    await page.goto(`${stack.consoleUrl}teams`);
    await page.getByRole('heading', { name: /scoped-own/ }).waitFor();
  });
});

describe('the web console: CSRF and the session', () => {
  let evil: Server;
  afterAll(() => evil?.close());

  it('refuses a write with the session cookie from another origin', async () => {
    const page = await newPage();
    await signIn(page, stack.consoleUrl, stack.adminToken);
    // Another origin on the same host (same site, so the SameSite=Strict cookie does go along).
    evil = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<form method="POST" action="${stack.billing.url}/admin/v1/teams" enctype="text/plain">
        <input name='{"name":"csrf-victim","x":"' value='"}'></form>
        <script>fetch('${stack.billing.url}/admin/v1/teams', { method: 'POST', mode: 'no-cors', credentials: 'include',
          headers: { 'content-type': 'text/plain' }, body: '{"name":"csrf-victim"}' }).finally(() => document.forms[0].submit());</script>`);
    });
    evil.listen(0, '127.0.0.1');
    await once(evil, 'listening');
    const evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    await page.goto(evilOrigin);
    await page.waitForURL(`${stack.billing.url}/admin/v1/teams`);
    expect(await page.textContent('body')).toContain('csrf_failed');

    // Even with the session's CSRF token, another Origin is refused.
    await page.goto(stack.consoleUrl);
    const session = (await page.evaluate(async () => (await fetch('/admin/v1/session')).json())) as {
      csrfToken: string;
    };
    const forged = await page.request.post(`${stack.billing.url}/admin/v1/teams`, {
      headers: { origin: evilOrigin, 'x-csrf-token': session.csrfToken },
      data: { name: 'csrf-victim' },
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error.code).toBe('csrf_failed');
    expect((await stack.admin('GET', '/teams?q=csrf-victim')).body.teams).toEqual([]);
  });

  it('ends the session on sign-out: the cookie no longer opens the API', async () => {
    const page = await newPage();
    await signIn(page, stack.consoleUrl, stack.adminToken);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'sy_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    const replayed = await fetch(`${stack.billing.url}/admin/v1/teams`, {
      headers: { cookie: `sy_session=${cookie?.value}` },
    });
    expect(replayed.status).toBe(401);
  });

  it('sends the operator back to sign-in once the session has expired', async () => {
    const page = await newPage();
    await signIn(page, stack.consoleUrl, stack.adminToken);
    await page.waitForTimeout(SESSION_TTL_MS + 1_000);
    await page.getByRole('link', { name: 'Teams' }).click();
    await page.getByText('Your session has ended. Sign in again.').waitFor();
    await page.getByLabel('Admin token').waitFor();
  });
});
