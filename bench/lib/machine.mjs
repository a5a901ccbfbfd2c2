// What the machine itself charges: CPU per process group, and the cost of a loopback round trip
// when the peer has to be woken versus when it is already running.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { childrenCpuTimeMs, cpuTimeMs, freePort } from './processes.mjs';

/** Pids of a system service by process name (Redis, Postgres), or [] where pgrep cannot tell. */
function pidsOf(name) {
  try {
    return execFileSync('pgrep', ['-x', name], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * The processes a request through the gateway costs CPU in, by name. Redis and Postgres are
 * listed again when a round ends: Postgres starts and ends backends as pools open and close
 * connections.
 */
export function processGroups(stack) {
  return {
    gateway: [stack.gatewayPid],
    billing: [stack.billingPid],
    redis: () => pidsOf('redis-server'),
    postgres: () => pidsOf('postgres'),
    upstream: [stack.upstreamPid],
    'load generator': [process.pid],
  };
}

/** CPU ms so far of each pid that is still there, with what its exited children used (reaped). */
function cpuByPid(pids) {
  const byPid = new Map();
  for (const pid of pids) {
    try {
      byPid.set(pid, { own: cpuTimeMs(pid), children: childrenCpuTimeMs(pid) });
    } catch {
      // Gone already.
    }
  }
  return byPid;
}

/**
 * Starts counting CPU per group (a list of pids, or a function that lists them when called);
 * `stop(requests)` returns µs per request for each. A process alive at both ends counts its own
 * CPU between them and that of its children that exited meanwhile (a Postgres backend closed
 * mid-round is reaped by the postmaster); one that started during the round counts all its CPU.
 */
export function startCpuSplit(groups) {
  const pidsOfGroup = (pids) => (typeof pids === 'function' ? pids() : pids);
  const before = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, cpuByPid(pidsOfGroup(pids))]));
  return {
    stop(requests) {
      return Object.fromEntries(
        Object.entries(groups).map(([name, pids]) => {
          let usedMs = 0;
          for (const [pid, now] of cpuByPid(pidsOfGroup(pids))) {
            const then = before[name].get(pid);
            usedMs += then ? now.own - then.own + (now.children - then.children) : now.own;
          }
          return [name, requests ? (usedMs * 1000) / requests : NaN];
        }),
      );
    },
  };
}

/**
 * CPU (this process) per loopback round trip to an echo process: paced at `rate`/s, where the echo
 * side goes idle between messages and each one must wake it, and back to back, where it never
 * sleeps. On a VM the first is an order of magnitude dearer; it is what every hop of a request
 * (client, gateway, Redis, upstream) pays at moderate load.
 */
export async function loopbackRoundTripCost({ rate = 200, paced = 400, backToBack = 20_000 } = {}) {
  const port = await freePort();
  const echo = spawn(
    process.execPath,
    [
      '-e',
      `require('net').createServer((s) => { s.setNoDelay(true); s.on('data', (d) => s.write(d)); }).listen(${port}, '127.0.0.1', () => console.log('up'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await once(echo.stdout, 'data');
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    await once(socket, 'connect');
    const message = Buffer.alloc(256, 'x');
    const measure = async (count, gapMs) => {
      const startedCpu = cpuTimeMs(process.pid);
      for (let i = 0; i < count; i++) {
        socket.write(message);
        await once(socket, 'data');
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
      return ((cpuTimeMs(process.pid) - startedCpu) * 1000) / count;
    };
    const pacedUs = await measure(paced, 1000 / rate);
    const backToBackUs = await measure(backToBack, 0);
    socket.destroy();
    return { rate, pacedUs, backToBackUs };
  } finally {
    echo.kill();
  }
}
