import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');

export type AppName = 'gateway' | 'billing' | 'simulator';

export interface AppProcess {
  readonly name: AppName;
  readonly port: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process printed so far, for assertion messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

const PORT_VARIABLE: Record<AppName, string> = {
  gateway: 'GATEWAY_PORT',
  billing: 'BILLING_PORT',
  simulator: 'SIMULATOR_PORT',
};

/**
 * Starts one of the apps as a real process from its TypeScript sources (as `npm start` runs them,
 * minus the build), on a free port, and resolves once it accepts connections (a minute by default: five
 * processes compiling their sources at once on a loaded 2-core machine have taken over 30 s).
 */
export async function startAppProcess(
  name: AppName,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${name}/src/main.ts`], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...env, [PORT_VARIABLE[name]]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = once(child, 'exit');

  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not listen on ${port} within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const [code] = (await exited) as [number | null];
      clearTimeout(timer);
      return code;
    },
  };
}
