// The stack's children: one-shot steps (migrate, seed) and long-running apps. Each runs in its own
// process group (detached), so Ctrl-C reaches only start-stack, which then stops them in order.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { pipeOutput, say } from './output.mjs';

export const isRunning = (child) => child.exitCode === null && child.signalCode === null;

async function stop({ name, child }, timeoutMs) {
  if (!isRunning(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(timeoutMs).then(() => true)]);
  if (timedOut && isRunning(child)) {
    say(`${name} did not stop within ${timeoutMs / 1000} s: SIGKILL`);
    child.kill('SIGKILL');
    await exited;
  }
}

export class ProcessGroup {
  #children = [];

  constructor({ cwd, env }) {
    this.cwd = cwd;
    this.env = env;
    // Last resort if start-stack itself dies: never leave apps holding the ports.
    process.once('exit', () =>
      this.#children.filter(({ child }) => isRunning(child)).forEach(({ child }) => child.kill('SIGKILL')),
    );
  }

  /** Starts a long-running child with prefixed output; a restarted one keeps its place in the stop order. */
  start(name, command, args, onLine) {
    const child = spawn(command, args, {
      cwd: this.cwd,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const earlier = this.#children.find((entry) => entry.name === name);
    if (earlier) earlier.child = child;
    else this.#children.push({ name, child });
    pipeOutput(child, name, onLine);
    return child;
  }

  /** Runs a one-shot child to completion; resolves with its output lines, rejects on failure. */
  async run(name, command, args) {
    const lines = [];
    const child = this.start(name, command, args, (line) => lines.push(line));
    // 'close' (not 'exit') waits for the output streams, so `lines` is complete.
    const [code, signal] = await once(child, 'close');
    if (code !== 0) throw new Error(`${name} failed (${signal ?? `exit code ${code}`})`);
    return lines;
  }

  /**
   * Stops every child still running, newest first, so the gateway finishes its streams while the
   * simulator still answers and billing still consumes: SIGTERM, then SIGKILL after `timeoutMs`.
   */
  async stopAll(timeoutMs) {
    for (const entry of [...this.#children].reverse()) await stop(entry, timeoutMs);
  }
}
