// Real processes for the bench: spawn, wait until they listen, read their CPU and memory from /proc.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';

/** Kernel clock ticks per second for /proc/<pid>/stat times (getconf CLK_TCK; 100 on Linux x86). */
const CLK_TCK = 100;

export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

function canConnect(port) {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

/**
 * Starts `node <args>` with `env` and resolves once `port` accepts connections. The child is node
 * itself (no npm or shell in between), so its pid is the one /proc describes.
 */
export async function startProcess(name, args, { env, port, cwd, timeoutMs = 60_000 }) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
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
    pid: child.pid,
    child,
    output: () => output,
    /** Sends `signal`, then SIGKILL after `graceMs`; resolves when the process is gone. */
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * CPU time the process has used so far, in milliseconds: the scheduler's exact on-CPU time summed
 * over its threads (/proc/<pid>/task/<tid>/schedstat, nanoseconds). utime+stime from /proc/<pid>/stat
 * is tick-sampled: a process that timers wake right at a tick (a rate-limited load generator's
 * requests do) is charged whole ticks it did not use, which inflated low-rate rows 2-3x here.
 * Threads that already exited are not counted, so read it around runs, not across restarts.
 */
export function cpuTimeMs(pid) {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return ns / 1e6;
}

/**
 * CPU ms of the process's children that exited and were reaped (cutime+cstime in /proc/<pid>/stat,
 * tick-sampled): what a Postgres backend that ended mid-round used, counted at its postmaster.
 */
export function childrenCpuTimeMs(pid) {
  const fields = statFields(pid);
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLK_TCK;
}

/** Fields of /proc/<pid>/stat after the ")" that closes the command name (field 3 first). */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * Read and write system calls the process has made so far (/proc/<pid>/io syscr + syscw: read,
 * readv, recvmsg, write, writev, sendmsg…). On loopback each write also pays for the receiver's
 * side of TCP, so this count explains much of a process's CPU per request.
 */
export function ioSyscalls(pid) {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)[1]);
  return { reads: field('syscr'), writes: field('syscw') };
}

/** Resident set size in MB (/proc/<pid>/status VmRSS). */
export function rssMb(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Samples RSS every `everyMs` until stopped; returns the peak and the last sample. */
export function sampleRss(pid, everyMs = 250) {
  let peak = rssMb(pid);
  let last = peak;
  const timer = setInterval(() => {
    try {
      last = rssMb(pid);
      peak = Math.max(peak, last);
    } catch {
      // The process is gone: keep what we have.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakMb: peak, lastMb: last };
    },
  };
}
