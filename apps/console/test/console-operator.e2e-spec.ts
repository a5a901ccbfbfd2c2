import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type ConsoleStack, startConsoleStack } from './support/console-stack';
import {
  gzippedScriptBytes,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  signIn,
} from './support/console-browser';

// Real: Chromium (Debian's, driven by playwright-core), billing serving the built console, a
// gateway on the simulated provider, Postgres (this run's database) and Redis (a prefix of its
// own). The operator's whole path, in order: each step starts from where the last one left off.
const TEAM = `acme-${randomBytes(3).toString('hex')}`;
const FIRST_PAGE_BUDGET = 300 * 1024;

let stack: ConsoleStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let apiKey: string;

async function chat(key: string): Promise<Response> {
  return fetch(`${stack.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello from the console spec' }],
    }),
  });
}

/** Waits for the balance card to read `text` exactly (it re-reads the team after each posting). */
async function balanceShown(text: string): Promise<void> {
  await page
    .getByTestId('team-balance')
    .filter({ hasText: new RegExp(`^${text.replace('.', '\\.')}$`) })
    .waitFor();
}

async function expectAccessible(name: string): Promise<void> {
  expect({ page: name, violations: await seriousAxeViolations(page) }).toEqual({ page: name, violations: [] });
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startConsoleStack(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.billing.url });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Runs one step of the scenario; a failure is reported with the step's name. */
async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof Error) err.message = `step "${name}": ${err.message}`;
    throw err;
  }
}

/**
 * One operator's session, step by step: each step builds on the one before (the team it created, the key
 * it issued), so they are one test whose failure names its step, not tests that depend on their order.
 */
it('serves an operator from sign-in to a reconciliation', async () => {
  await step('signs in with a pasted admin token (sign-in page accessible)', async () => {
    await page.goto(stack.consoleUrl);
    await page.getByLabel('Admin token').waitFor();
    await expectAccessible('sign-in');
    await screenshot(page, 'sign-in');
    await signIn(page, stack.consoleUrl, stack.adminToken);
    await expect(page.getByTestId('scope').textContent()).resolves.toBe('Read and write · all teams');
    await page.getByTestId('total-balance').waitFor();
    await expectAccessible('overview');
  });

  await step('loads its first page with less than 300 KB of gzipped JavaScript', async () => {
    const fresh = await context.newPage();
    const { files, bytes } = await gzippedScriptBytes(fresh, stack.consoleUrl);
    await fresh.close();
    process.stdout.write(`console first page (overview): ${files} scripts, ${(bytes / 1024).toFixed(1)} KB gzipped\n`);
    expect(bytes).toBeLessThan(FIRST_PAGE_BUDGET);
  });

  await step('creates a team, then grants it 25 credits once although Confirm is double-clicked', async () => {
    await page.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByLabel('Team name').fill(TEAM);
    await page.getByRole('button', { name: 'Create team' }).last().click();
    await page.getByRole('heading', { name: TEAM }).waitFor();
    await page.getByRole('button', { name: 'Grant credits' }).click();
    await page.getByLabel('Amount in credits').fill('25');
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(page.getByTestId('credit-confirmation').textContent()).resolves.toContain('Grant 25.000000 credits');
    await expectAccessible('grant dialog');
    await screenshot(page, 'grant-dialog');
    await page.getByRole('button', { name: 'Confirm grant' }).dblclick();
    await page.getByText(/Posted entry #\d+/).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();

    await balanceShown('25 credits');
    const teamId = new URL(page.url()).pathname.split('/').at(-1) as string;
    const ledger = await stack.admin('GET', `/teams/${teamId}/ledger`);
    expect(ledger.body.entries.map((e: { kind: string; amountMicro: string }) => [e.kind, e.amountMicro])).toEqual([
      ['grant', '25000000'],
    ]);
  });

  await step('issues a key whose plaintext is shown once and copied to the clipboard', async () => {
    await page.getByRole('button', { name: 'Issue a key' }).click();
    await page.getByLabel('Name', { exact: true }).fill('ci');
    await page.getByRole('button', { name: 'Issue key' }).click();
    const shown = page.getByLabel('API key ci');
    await shown.waitFor();
    apiKey = await shown.inputValue();
    await page.getByRole('button', { name: 'Copy key' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(apiKey);
    await page.getByRole('button', { name: 'Done' }).click();
    expect(apiKey).toMatch(/^sy_live_/);
  });

  await step('edits the key’s limits and tiers', async () => {
    await page.getByRole('button', { name: 'Edit key ci' }).click();
    await page.getByLabel('Requests per minute (empty: no limit)').fill('600');
    await page.getByLabel('core').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const row = page.getByTestId('keys-table').getByRole('row', { name: /^ci / });
    await row.getByRole('cell', { name: '600', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'core', exact: true }).waitFor();
  });

  await step('shows the gateway call debited in the ledger table and the usage chart within seconds', async () => {
    const res = await chat(apiKey);
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    const usageRow = page.locator('[data-testid="ledger-table"] tr[data-kind="usage"]');
    const deadline = Date.now() + 15_000;
    while ((await usageRow.count()) === 0 && Date.now() < deadline) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(500);
    }
    await expect(usageRow.locator('code').textContent()).resolves.toBe(requestId);
    await page.getByTestId('team-balance').filter({ hasNotText: '25 credits' }).waitFor();
    await page.locator('figure[aria-label^="Credits used per day"]:not([aria-label*=": 0 credits in all"])').waitFor();
    await expectAccessible('team');
    await screenshot(page, 'team');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export these entries as CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n').filter(Boolean)).toHaveLength(3);
    expect(csv).toContain(requestId);
  });

  await step('refunds the request, and the balance is 25 credits exactly again', async () => {
    await page
      .locator('[data-testid="ledger-table"] tr[data-kind="usage"]')
      .getByRole('button', { name: /Refund/ })
      .click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Confirm refund' }).click();
    await page.getByText(/Posted entry #\d+/).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await balanceShown('25 credits');
  });

  await step('revokes the key, and the gateway refuses it within a second', async () => {
    await page.getByRole('button', { name: 'Revoke key ci' }).click();
    await page.getByRole('button', { name: 'Revoke key', exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const revokedAt = Date.now();
    let status = (await chat(apiKey)).status;
    while (status === 200 && Date.now() - revokedAt < 1000) status = (await chat(apiKey)).status;
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  await step('lists the teams and the billing operations, accessibly', async () => {
    await page.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('link', { name: TEAM }).waitFor();
    await page.getByLabel('Search teams by name').fill(TEAM);
    await page.getByRole('link', { name: TEAM }).waitFor();
    await expectAccessible('teams');
    await screenshot(page, 'teams');
    await page.getByRole('link', { name: 'Billing operations' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByText('team.create').first().waitFor();
    await expectAccessible('operations');
    await screenshot(page, 'operations');
  });

  await step('runs a reconciliation from the overview, which shows the day’s spend', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Run now' }).click();
    await page
      .getByTestId('last-reconciliation')
      .filter({ hasText: /^Balanced at / })
      .waitFor();
    await expect(page.getByTestId('total-balance').textContent()).resolves.not.toBe('0');
    await screenshot(page, 'overview');
  });
}, 240_000);
