export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitSettings {
  failureThreshold: number;
  cooldownMs: number;
}

/**
 * One model's breaker. Closed: calls flow, consecutive failures are counted. At the threshold it
 * opens: calls are refused for the cool-down. Then half-open: exactly one probe is let through;
 * its success closes the circuit, its failure opens it for another cool-down. A probe that ends
 * without a verdict (client gone, a 400) frees the slot for the next request.
 */
export class CircuitBreaker {
  private state: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probeInFlight = false;

  constructor(
    private readonly settings: CircuitSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** The state as of now: an open circuit whose cool-down is over is half-open. */
  current(): CircuitState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.settings.cooldownMs) this.state = 'half_open';
    return this.state;
  }

  /** Whether a call may go out now (a true in half-open takes the one probe slot). */
  tryAcquire(): boolean {
    const state = this.current();
    if (state === 'closed') return true;
    if (state === 'open' || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  /** Whether tryAcquire would let a call through, without taking the slot. */
  wouldAdmit(): boolean {
    const state = this.current();
    return state === 'closed' || (state === 'half_open' && !this.probeInFlight);
  }

  /** Milliseconds until an open circuit lets a probe through (0 when it would now). */
  msUntilProbe(): number {
    return this.current() === 'open' ? Math.max(0, this.settings.cooldownMs - (this.now() - this.openedAt)) : 0;
  }

  succeeded(): void {
    this.state = 'closed';
    this.failures = 0;
    this.probeInFlight = false;
  }

  /** Counts a failure; true when it opened the circuit (one already open only restarts its cool-down). */
  failed(): boolean {
    this.probeInFlight = false;
    this.failures += 1;
    if (this.state === 'half_open' || this.failures >= this.settings.failureThreshold) {
      const opened = this.state !== 'open';
      this.state = 'open';
      this.openedAt = this.now();
      return opened;
    }
    return false;
  }

  /** The call ended without saying anything about the upstream's health. */
  released(): void {
    this.probeInFlight = false;
  }
}
