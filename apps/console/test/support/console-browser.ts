import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..', '..');
/** Debian's chromium package (.ci/run installs it): playwright-core drives it, nothing is downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(ROOT, 'docs/console');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** Pastes the token into the sign-in page and waits for the signed-in frame. */
export async function signIn(page: Page, consoleUrl: string, token: string): Promise<void> {
  await page.goto(consoleUrl);
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core run inside the page (evaluated over the DevTools protocol, so the console's CSP,
 * which allows no inline script, does not stop it); the serious and critical violations.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page: this file is compiled for Node, without the DOM's types.
  const violations = (await page.evaluate(
    'axe.run(document, { resultTypes: ["violations"] }).then((r) => r.violations)',
  )) as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** docs/console/<name>.png, referenced by the README and docs/console.md. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Loads `url` in a fresh page and sums the JavaScript it fetched, each file gzipped as a server would send it. */
export async function gzippedScriptBytes(page: Page, url: string): Promise<{ files: number; bytes: number }> {
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') bodies.push(res.body());
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  const scripts = await Promise.all(bodies);
  return { files: scripts.length, bytes: scripts.reduce((n, body) => n + gzipSync(body, { level: 9 }).length, 0) };
}
