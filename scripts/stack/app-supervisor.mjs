// Keeps one app of the local stack running. An app that crashes after it first listened is
// restarted (RestartBudget says when, and when to give up); one that dies before it ever listened
// is not (restarting does not fix a bad config or a taken port), and neither is one the stack is
// stopping. Money needs nothing from here: a restarted gateway delivers what its journal holds,
// and a dead instance's holds expire (README, failure policy).
import { setTimeout as sleep } from 'node:timers/promises';
import { say } from './output.mjs';
import { waitForPort } from './ports.mjs';
import { isRunning } from './process-group.mjs';

export class AppSupervisor {
  #listened = false;
  #stopping = false;

  /**
   * `spawn()` starts the app's process; `onGiveUp(reason)` is called once the app is down for
   * good (the stack then stops).
   */
  constructor({ name, port, spawn, budget, readyTimeoutMs, onGiveUp }) {
    Object.assign(this, { name, port, spawn, budget, readyTimeoutMs, onGiveUp });
  }

  /** Starts the app; resolves once it listens, rejects if it exits (or stays deaf) first. */
  async start() {
    await this.#untilListening(this.#spawn());
    this.#listened = true;
  }

  /** From now on an exit is expected: the stack is stopping its processes. */
  stop() {
    this.#stopping = true;
  }

  #spawn() {
    const child = this.spawn();
    child.once('exit', (code, signal) => void this.#exited(signal ?? `exit code ${code}`));
    return child;
  }

  async #untilListening(child) {
    await waitForPort(this.port, {
      timeoutMs: this.readyTimeoutMs,
      gaveUp: () => this.#stopping || !isRunning(child),
    });
    say(`${this.name} is listening on port ${this.port} (pid ${child.pid})`);
  }

  async #exited(why) {
    if (this.#stopping) return;
    if (!this.#listened) return this.onGiveUp(`${this.name} exited before listening (${why})`);
    const delayMs = this.budget.next(Date.now());
    if (delayMs === null) {
      return this.onGiveUp(
        `${this.name} exited (${why}) with ${this.budget.perMinute} restarts spent in the last minute ` +
          '(STACK_RESTARTS_PER_MINUTE): not restarting it again',
      );
    }
    say(
      `${this.name} exited unexpectedly (${why}); restarting it in ${delayMs} ms ` +
        `(restart ${this.budget.spent} of at most ${this.budget.perMinute} a minute)`,
    );
    await sleep(delayMs);
    if (this.#stopping) return;
    const child = this.#spawn();
    await this.#untilListening(child).catch((err) => {
      // One that exits before listening again comes back through its own 'exit' (and the budget).
      if (!this.#stopping && isRunning(child)) this.onGiveUp(`${this.name} ${err.message}`);
    });
  }
}
