import type { CreditHolds } from './credit-holds';
import type { RequestHolds } from './credit-holds.types';

export interface PerRequestHoldsOptions {
  /** How often the open requests' holds are refreshed; a quarter of the hold lifetime by default. */
  refreshMs?: number;
  /** Background refreshes that failed (the next tick retries; a hold past its lifetime stops counting). */
  onError?: (err: unknown) => void;
}

/**
 * One pending hold in Redis per request (CreditHolds.place), kept alive for as long as the request
 * is open: every tick, one refresh per team covers all of its open requests, so a hold outlives
 * HOLD_TTL_MS while its request runs and only expires once this process is gone (a crash stops
 * the refreshes). Its request ends it: settle (billed) or release (failed).
 */
export class PerRequestHolds implements RequestHolds {
  /** The requests whose pending holds this process placed and that are still open, by team. */
  private readonly open = new Map<string, Set<string>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly holds: CreditHolds,
    private readonly options: PerRequestHoldsOptions = {},
  ) {
    this.timer = setInterval(() => this.refresh(), options.refreshMs ?? holds.holdTtl / 4).unref();
  }

  async place(teamId: string, requestId: string, amountMicro: bigint): Promise<void> {
    await this.holds.place(teamId, requestId, amountMicro);
    const requests = this.open.get(teamId) ?? new Set<string>();
    this.open.set(teamId, requests.add(requestId));
  }

  async settle(teamId: string, requestId: string, costMicro: bigint): Promise<void> {
    this.ended(teamId, requestId);
    await this.holds.settle(teamId, requestId, costMicro);
  }

  async release(teamId: string, requestId: string): Promise<void> {
    this.ended(teamId, requestId);
    await this.holds.release(teamId, requestId);
  }

  /** Stops refreshing: holds of requests still open then expire, as after a crash. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.open.clear();
  }

  private ended(teamId: string, requestId: string): void {
    const requests = this.open.get(teamId);
    if (!requests?.delete(requestId) || requests.size > 0) return;
    this.open.delete(teamId);
  }

  private refresh(): void {
    for (const [teamId, requests] of this.open) {
      this.holds.refreshPending(teamId, [...requests]).catch((err: unknown) => this.options.onError?.(err));
    }
  }
}
