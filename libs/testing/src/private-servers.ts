import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './app-process';
import { migrateDatabase } from './migrate-database';

/** A server a fault test owns: it may stop, kill and restart it without disturbing the shared ones. */
export interface PrivateServer {
  readonly port: number;
  /** redis://… or the migrated database's postgresql://… URL. */
  readonly url: string;
  /** Stops the server: gracefully, or like a crash (`kill`), keeping its data for start(). */
  stop(mode?: 'graceful' | 'kill'): Promise<void>;
  start(): Promise<void>;
  /** Stops everything and deletes the data directory. */
  destroy(): Promise<void>;
}

/** Resolves once something listens on 127.0.0.1:`port`; throws after `timeoutMs`. */
export async function waitForPort(port: number, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => done(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A server that can also be frozen: connections stay open, nothing is answered until resume(). */
export interface PausableServer extends PrivateServer {
  pause(): void;
  resume(): void;
}

/**
 * A redis-server of its own on a free port, with an append-only file fsync'ed on every write,
 * so a restart (even after SIGKILL) keeps every acknowledged write, as production Redis should.
 */
export async function startPrivateRedis(): Promise<PausableServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-redis-'));
  let child: ChildProcess | undefined;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'always',
  ];
  const server: PausableServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    async start() {
      child = spawn('redis-server', args, { stdio: 'ignore' });
      await waitForPort(port, 10_000, 'redis-server');
    },
    async stop(mode = 'graceful') {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(mode === 'kill' ? 'SIGKILL' : 'SIGTERM');
      await exited;
    },
    async destroy() {
      server.resume();
      await server.stop('kill');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

function postgresBin(name: string): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin/${name}`).find((path) => existsSync(path));
  if (!found) throw new Error(`No ${name} under /usr/lib/postgresql/*/bin`);
  return found;
}

/** Postgres refuses to run as root: run its tools as the postgres user then. */
function asPostgres(bin: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function run(bin: string, args: string[]): void {
  const [command, argv] = asPostgres(bin, args);
  execFileSync(command, argv, { stdio: 'pipe' });
}

/**
 * A Postgres cluster of its own (initdb + pg_ctl) on a free port, with a migrated `switchyard`
 * database. Commits stay synchronous, so stop('kill') (an immediate shutdown: crash recovery on
 * the next start) loses nothing that was acknowledged. fsync is off: the machine does not crash.
 */
export async function startPrivatePostgres(): Promise<PrivateServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-pg-'));
  const data = join(dir, 'data');
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  run(postgresBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const pgCtl = (...args: string[]) => run(postgresBin('pg_ctl'), ['-D', data, '-w', '-t', '30', ...args]);
  const server: PrivateServer = {
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/switchyard`,
    async start() {
      pgCtl('-o', options, '-l', join(dir, 'postgres.log'), 'start');
      await waitForPort(port, 10_000, 'postgres');
    },
    async stop(mode = 'graceful') {
      pgCtl('-m', mode === 'kill' ? 'immediate' : 'fast', 'stop');
    },
    async destroy() {
      try {
        await server.stop('kill');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  const admin = new Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE switchyard');
  await admin.end();
  await migrateDatabase(server.url);
  return server;
}
