// How often `npm start` restarts a crashed app: after a backoff that doubles with each restart in
// the last minute, and not at all past `perMinute` of them (a crash loop stops the stack instead
// of spinning). Pure: the caller passes the time.

const WINDOW_MS = 60_000;

export class RestartBudget {
  #restarts = [];

  constructor({ perMinute, baseDelayMs = 500, maxDelayMs = 8_000 }) {
    this.perMinute = perMinute;
    this.baseDelayMs = baseDelayMs;
    this.maxDelayMs = maxDelayMs;
  }

  /** Spends one restart at `now`: the delay to wait before it, or null when the budget is spent. */
  next(now) {
    this.#restarts = this.#restarts.filter((at) => now - at < WINDOW_MS);
    if (this.#restarts.length >= this.perMinute) return null;
    this.#restarts.push(now);
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (this.#restarts.length - 1));
  }

  /** Restarts spent in the minute before the last `next()`. */
  get spent() {
    return this.#restarts.length;
  }
}
