import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawExchange } from '@switchyard/testing';
import { type AdminStack, startAdminStack } from './support/admin-stack';

// Real: billing as a process serving a console build made here (a stand-in for Vite's output),
// and another billing whose CONSOLE_DIR does not exist.
const SECRET = 'outside-the-console-dir';
let workDir: string;
let stack: AdminStack;
let unbuilt: AdminStack;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'console-static-'));
  const dir = join(workDir, 'console');
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(dir, 'assets', 'index-3f2a9c.js'), 'console.log(1)');
  await writeFile(join(dir, 'favicon.svg'), '<svg/>');
  await writeFile(join(dir, '.env'), SECRET);
  await writeFile(join(workDir, 'secret.txt'), SECRET);
  [stack, unbuilt] = await Promise.all([
    startAdminStack({ CONSOLE_DIR: dir }),
    startAdminStack({ CONSOLE_DIR: join(workDir, 'never-built') }),
  ]);
});

afterAll(async () => {
  await Promise.all([stack?.stop(), unbuilt?.stop()]);
  await rm(workDir, { recursive: true, force: true });
});

const get = async (base: string, path: string) => {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: await res.text(), headers: res.headers };
};

describe('the console at /console', () => {
  it("serves index.html for the app's own routes, never cached, under default-src 'self'", async () => {
    for (const path of ['/console', '/console/', '/console/teams/8d1f/ledger']) {
      const res = await get(stack.url, path);
      expect({ path, status: res.status, body: res.body }).toEqual({
        path,
        status: 200,
        body: '<!doctype html><div id="root"></div>',
      });
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'; /);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets immutable, other files revalidated, and a missing file as 404', async () => {
    const asset = await get(stack.url, '/console/assets/index-3f2a9c.js');
    expect([asset.status, asset.body, asset.headers.get('cache-control')]).toEqual([
      200,
      'console.log(1)',
      'public, max-age=31536000, immutable',
    ]);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await get(stack.url, '/console/favicon.svg')).headers.get('cache-control')).toBe('no-cache');
    expect((await get(stack.url, '/console/assets/gone-000000.js')).status).toBe(404);
  });

  it('serves nothing outside its directory, nor its dotfiles', async () => {
    const paths = [
      '/console/../secret.txt',
      '/console/%2e%2e/secret.txt',
      '/console/..%2fsecret.txt',
      '/console/assets/..%2f..%2fsecret.txt',
      '/console/%2e%2e%2f%2e%2e%2fpackage.json',
      '/console/..%5csecret.txt',
      '/console/.env',
      '/console/%2eenv',
    ];
    for (const path of paths) {
      const exchange = rawExchange(
        stack.billing.port,
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      );
      const answer = await exchange.answer;
      exchange.close();
      expect({ path, leaked: answer.body.includes(SECRET) || answer.body.includes('"name": "switchyard"') }).toEqual({
        path,
        leaked: false,
      });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
  });

  it('without a build, /console says how to get one and billing still serves its API', async () => {
    const res = await get(unbuilt.url, '/console/');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.body).toContain('npm run build');
    expect((await unbuilt.call('GET', '/teams')).status).toBe(200);
  });
});
