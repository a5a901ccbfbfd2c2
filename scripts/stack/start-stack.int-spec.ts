import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createScratchDatabase, freePort, type ScratchDatabase, testRedisPrefix } from '@switchyard/testing';

// Real: `npm start`'s script (build, migrate, seed, then simulator, billing and gateway from dist/)
// as a process, on free ports, a database, Redis prefix and spool directory of its own; the apps'
// processes are SIGKILLed the way the kernel's OOM killer or a V8 heap abort ends them.
// npm start builds everything (swc and the console's Vite build) before the apps boot: on a loaded 2-core machine
// the ready banner has taken over 30 s.
jest.setTimeout(120_000);

const ROOT = resolve(__dirname, '../..');
const LISTENING = (app: string) => new RegExp(`${app} is listening on port \\d+ \\(pid (\\d+)\\)`, 'g');
const execFileAsync = promisify(execFile);

/** What an app wrote, line by line, without the stack's `<app> │ ` label. */
const appLines = (output: string, app: string) =>
  [...output.matchAll(new RegExp(`^${app} +│ (.*)$`, 'gm'))].map((m) => m[1]);

interface RunningStack {
  child: ChildProcess;
  ports: { gateway: number; billing: number; simulator: number };
  demoKey: string;
  exited: Promise<unknown[]>;
  /** Pids in the order the app's "is listening" lines were printed. */
  pids(app: string): number[];
  waitForPids(app: string, count: number): Promise<number[]>;
  output(): string;
}

function isListening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start (scripts/start-stack.mjs)', () => {
  let database: ScratchDatabase;
  let spoolDir: string;
  let stack: RunningStack | undefined;

  async function startStack(name: string, env: Record<string, string> = {}): Promise<RunningStack> {
    const ports = { gateway: await freePort(), billing: await freePort(), simulator: await freePort() };
    const child = spawn(process.execPath, ['scripts/start-stack.mjs'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        REDIS_PREFIX: testRedisPrefix(`start-stack-${name}`),
        USAGE_SPOOL_DIR: join(spoolDir, name),
        GATEWAY_PORT: String(ports.gateway),
        BILLING_PORT: String(ports.billing),
        SIMULATOR_PORT: String(ports.simulator),
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = once(child, 'exit');
    const pids = (app: string) => [...output.matchAll(LISTENING(app))].map((m) => Number(m[1]));
    const until = async <T>(probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value !== undefined) return value;
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`no ${what} (stack exit code ${child.exitCode}):\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until(() => (output.includes('Switchyard is ready') ? true : undefined), 'ready banner');
    const demoKey = /Demo API key: (sy_live_\w+)/.exec(output)?.[1] as string;
    stack = {
      child,
      ports,
      demoKey,
      exited,
      pids,
      waitForPids: (app, count) => until(() => (pids(app).length >= count ? pids(app) : undefined), `${app} restart`),
      output: () => output,
    };
    return stack;
  }

  const chat = (running: RunningStack) =>
    fetch(`http://127.0.0.1:${running.ports.gateway}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${running.demoKey}` },
      body: JSON.stringify({
        task_type: 'simple_chat',
        messages: [{ role: 'user', content: 'hello' }],
        max_tokens: 20,
      }),
    });

  const allPortsClosed = async (running: RunningStack) =>
    !(await Promise.all(Object.values(running.ports).map(isListening))).some(Boolean);

  beforeAll(async () => {
    database = await createScratchDatabase('start_stack');
    spoolDir = mkdtempSync(join(tmpdir(), 'switchyard-stack-spool-'));
  });

  afterEach(async () => {
    // A failed test may leave its stack up: stop it (it stops its apps) before the next one.
    if (stack && stack.child.exitCode === null && stack.child.signalCode === null) {
      stack.child.kill('SIGTERM');
      await stack.exited;
    }
    stack = undefined;
  });

  afterAll(async () => {
    rmSync(spoolDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('restarts a SIGKILLed gateway alone, serves again, and still stops everything with exit 0 on SIGTERM', async () => {
    const running = await startStack('restart');
    expect((await chat(running)).status).toBe(200);
    const [gateway] = running.pids('gateway');
    const [billing] = running.pids('billing');

    process.kill(gateway, 'SIGKILL');
    const [, restarted] = await running.waitForPids('gateway', 2);
    expect(restarted).not.toBe(gateway);
    const res = await chat(running);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ object: 'chat.completion', choices: [expect.anything()] });
    expect(running.pids('billing')).toEqual([billing]);
    expect(isAlive(billing)).toBe(true);
    expect(running.output()).toMatch(/gateway exited unexpectedly \(SIGKILL\); restarting it in \d+ ms/);

    running.child.kill('SIGTERM');
    const [code] = await running.exited;
    expect(code).toBe(0);
    expect(await allPortsClosed(running)).toBe(true);
    expect([restarted, billing, ...running.pids('simulator')].filter(isAlive)).toEqual([]);
  });

  it('passes the apps’ JSON log lines through as written when its output is no terminal', async () => {
    // info, as `npm start` runs (jest's NODE_ENV=test would keep the apps to warnings).
    const running = await startStack('json', { LOG_LEVEL: 'info' });
    // No key: the demo key is printed only by the stack that seeded this spec's database first.
    expect((await fetch(`http://127.0.0.1:${running.ports.gateway}/v1/credits`)).status).toBe(401);
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual([0, null]);

    const lines = ['simulator', 'billing', 'gateway'].flatMap((app) => appLines(running.output(), app));
    expect(lines.length).toBeGreaterThan(20);
    const logs = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs.filter((log) => typeof log.level !== 'number' || typeof log.time !== 'number')).toEqual([]);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 30,
        context: 'Gateway',
        msg: `Listening on http://127.0.0.1:${running.ports.gateway}`,
      }),
    );
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        req: expect.objectContaining({ method: 'GET', url: '/v1/credits' }),
        res: { statusCode: 401 },
        responseTime: expect.any(Number),
        msg: 'request completed',
      }),
    );
    expect(running.output()).not.toContain('\x1b[');
  });

  it('builds the ops CLI that the image runs: dist/apps/ops-cli/src/main.js verifies the stack’s ledger', async () => {
    const own = await createScratchDatabase('start_stack_ops');
    try {
      const adminToken = 'start-stack-spec-admin-token-0123456789';
      const running = await startStack('ops', { DATABASE_URL: own.url, ADMIN_TOKEN: adminToken });
      const ops = (...args: string[]) =>
        execFileAsync(process.execPath, ['dist/apps/ops-cli/src/main.js', ...args], {
          cwd: ROOT,
          env: { ...process.env, ADMIN_URL: `http://127.0.0.1:${running.ports.billing}`, ADMIN_TOKEN: adminToken },
        });
      expect((await ops('team', 'list')).stdout).toMatch(/^[0-9a-f-]{36} +active +Demo$/m);
      expect(await ops('verify')).toEqual({ stdout: 'ok: 1 team(s), no drift\n', stderr: '' });
    } finally {
      stack?.child.kill('SIGTERM');
      await stack?.exited;
      await own.drop();
    }
  });

  it('stops the stack with exit 1 once an app crashes more often than STACK_RESTARTS_PER_MINUTE', async () => {
    const running = await startStack('limit', { STACK_RESTARTS_PER_MINUTE: '1' });
    const [simulator] = running.pids('simulator');
    process.kill(simulator, 'SIGKILL');
    const [, restarted] = await running.waitForPids('simulator', 2);

    process.kill(restarted, 'SIGKILL');
    const [code] = await running.exited;
    expect(code).toBe(1);
    expect(running.output()).toContain('simulator exited (SIGKILL) with 1 restarts spent in the last minute');
    expect(await allPortsClosed(running)).toBe(true);
    expect([...running.pids('gateway'), ...running.pids('billing')].filter(isAlive)).toEqual([]);
  });
});
