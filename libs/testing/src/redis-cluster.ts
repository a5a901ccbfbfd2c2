import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from './app-process';
import { waitForPort } from './private-servers';

const run = promisify(execFile);
const MASTERS = 3;
/** Tries at forming the cluster before a spec fails (see startRedisCluster). */
const START_ATTEMPTS = 3;
/** How long a silent master may be before its replica takes over: short, so a failover takes seconds. */
const NODE_TIMEOUT_MS = 1000;

/** A Redis Cluster a spec file owns: 3 masters and 3 replicas of its own on loopback. */
export interface RedisCluster {
  /** `redis+cluster://127.0.0.1:p1,…` naming every node, as REDIS_URL takes it. */
  readonly url: string;
  readonly ports: readonly number[];
  /** SIGKILLs one master (the one on `port` if given) and resolves once its replica serves its slots (the cluster is ok again); returns its port. */
  killMaster(port?: number): Promise<number>;
  /** Kills every redis-server this cluster started (and only those) and deletes their directories. */
  stop(): Promise<void>;
}

interface ClusterNode {
  readonly port: number;
  readonly dir: string;
  readonly child: ChildProcess;
}

async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]);
  return stdout;
}

/** Polls `check` until it holds, failing with `what` after `timeoutMs`. */
async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Redis Cluster: ${what} not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Every live node says the cluster is ok, knows `known` nodes, and every replica is in sync with its master. */
async function clusterHealthy(ports: readonly number[], known: number): Promise<boolean> {
  for (const port of ports) {
    const info = await redisCli(port, 'cluster', 'info');
    if (!info.includes('cluster_state:ok') || !info.includes(`cluster_known_nodes:${known}`)) return false;
    const replication = await redisCli(port, 'info', 'replication');
    if (replication.includes('role:slave') && !replication.includes('master_link_status:up')) return false;
  }
  return true;
}

/** A free port none of this cluster's nodes took yet: the OS may hand a just-closed port out again. */
async function unusedPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) return (taken.add(port), port);
  }
}

async function startNode(taken: Set<number>): Promise<ClusterNode> {
  const [port, busPort] = [await unusedPort(taken), await unusedPort(taken)];
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-redis-cluster-'));
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1'],
      ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'],
      ...['--cluster-node-timeout', String(NODE_TIMEOUT_MS), '--dir', dir, '--save', '', '--appendonly', 'no'],
    ],
    { stdio: 'ignore' },
  );
  return { port, dir, child };
}

function kill(node: ClusterNode): Promise<unknown> {
  if (node.child.exitCode !== null || node.child.signalCode !== null) return Promise.resolve();
  const exited = once(node.child, 'exit');
  node.child.kill('SIGKILL');
  return exited;
}

/**
 * Starts a Redis Cluster of 6 `redis-server --cluster-enabled yes` processes (3 masters, 3
 * replicas) on free loopback ports, each in a private temporary directory without persistence,
 * joins them with `redis-cli --cluster create … --cluster-replicas 1`, and resolves once every
 * node reports the cluster ok. Start it once per spec file (beforeAll) and stop it in afterAll;
 * should the test process exit first, its processes are killed on the way out.
 */
export async function startRedisCluster(): Promise<RedisCluster> {
  // A port free when picked can still be taken (by another process) before its node binds it:
  // that node exits and the cluster cannot form, so a failed start is tried again on new ports.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startClusterOnce();
    } catch (err) {
      if (attempt === START_ATTEMPTS) throw err;
    }
  }
}

async function startClusterOnce(): Promise<RedisCluster> {
  const nodes: ClusterNode[] = [];
  const killAll = () => nodes.forEach((node) => node.child.kill('SIGKILL'));
  process.once('exit', killAll);
  const stop = async () => {
    process.off('exit', killAll);
    await Promise.all(nodes.map(kill));
    for (const node of nodes) rmSync(node.dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    for (let i = 0; i < MASTERS * 2; i++) nodes.push(await startNode(taken));
    await Promise.all(nodes.map((node) => waitForPort(node.port, 10_000, 'redis-server (cluster node)')));
    if (nodes.some((node) => node.child.exitCode !== null)) throw new Error('Redis Cluster: a node exited on start');
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '1', '--cluster-yes']);
    const ports = nodes.map((node) => node.port);
    await waitUntil('every node ok', 30_000, () => clusterHealthy(ports, nodes.length));
    return {
      url: `redis+cluster://${addresses.join(',')}`,
      ports,
      killMaster: (port?: number) => killMaster(nodes, port),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function killMaster(nodes: ClusterNode[], port?: number): Promise<number> {
  const alive = nodes.filter((node) => node.child.exitCode === null && node.child.signalCode === null);
  const roles = await Promise.all(alive.map((node) => redisCli(node.port, 'role')));
  const master = alive.find((node, i) => roles[i].startsWith('master') && (port === undefined || node.port === port));
  if (!master) throw new Error(`Redis Cluster: no live master${port === undefined ? '' : ` on ${port}`} to kill`);
  // `cluster nodes` lines: <id> <ip:port@bus> <flags> <master id or -> …; the replicas name their master's id.
  const lines = (await redisCli(master.port, 'cluster', 'nodes')).trim().split('\n');
  const masterId = lines.find((line) => line.split(' ')[2].includes('myself'))?.split(' ')[0];
  const replicaPorts = lines
    .filter((line) => line.split(' ')[3] === masterId)
    .map((line) => Number(/:(\d+)@/.exec(line)?.[1]));
  await kill(master);
  const survivors = alive.filter((node) => node !== master).map((node) => node.port);
  await waitUntil('a replica promoted', 30_000, async () => {
    const promoted = await Promise.all(replicaPorts.map((replica) => redisCli(replica, 'role')));
    if (!promoted.some((role) => role.startsWith('master'))) return false;
    const infos = await Promise.all(survivors.map((survivor) => redisCli(survivor, 'cluster', 'info')));
    return infos.every((info) => info.includes('cluster_state:ok'));
  });
  return master.port;
}
