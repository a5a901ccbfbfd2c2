import { Inject, Injectable, Logger } from '@nestjs/common';
import { InsufficientCreditsError, ServiceUnavailableError, SwitchyardError } from '@switchyard/contracts';
import type { RequestHolds } from '@switchyard/holds';
import { REQUEST_HOLDS } from '../infra/infra.tokens';

/** What happened to a hold: placed, refused (insufficient credits, or an error), settled or released. */
export type HoldOutcome = 'placed' | 'insufficient' | 'error' | 'settled' | 'released';

/** Told of every hold's outcome, in registration order (metrics/hold-metrics.hook.ts). */
export interface HoldObserver {
  readonly name: string;
  onHold(outcome: HoldOutcome, teamId: string, requestId: string): void;
}

export const HOLD_OBSERVERS = Symbol('HOLD_OBSERVERS');

/**
 * A request's credit hold: placed before the upstream call (402 when the team cannot cover the
 * estimate), settled at the cost once its usage event is delivered, or released when the request
 * failed and is never billed. Through RequestHolds (leases or one hold per request).
 */
@Injectable()
export class HoldService {
  private readonly logger = new Logger(HoldService.name);

  constructor(
    @Inject(REQUEST_HOLDS) private readonly holds: RequestHolds,
    @Inject(HOLD_OBSERVERS) private readonly observers: readonly HoldObserver[],
  ) {}

  async place(teamId: string, requestId: string, amountMicro: bigint): Promise<void> {
    try {
      await this.holds.place(teamId, requestId, amountMicro);
    } catch (err) {
      this.notify(err instanceof InsufficientCreditsError ? 'insufficient' : 'error', teamId, requestId);
      if (err instanceof SwitchyardError) throw err;
      // Without Redis no hold can be placed, and serving unheld requests could overdraw: fail closed.
      throw new ServiceUnavailableError('Credit checks are temporarily unavailable.', err);
    }
    this.notify('placed', teamId, requestId);
  }

  /** Settles the hold at the request's cost; a failure is logged (the hold keeps the estimate until it expires). */
  async settle(teamId: string, requestId: string, costMicro: bigint): Promise<void> {
    try {
      await this.holds.settle(teamId, requestId, costMicro);
    } catch (err) {
      // The request was served and must be billed all the same. Its hold keeps the estimate
      // (never less than the cost) until billing applies the debit or the hold expires.
      this.logger.warn({ requestId, msg: 'hold settle failed', err: String(err) });
      return;
    }
    this.notify('settled', teamId, requestId);
  }

  async release(teamId: string, requestId: string): Promise<void> {
    try {
      await this.holds.release(teamId, requestId);
    } catch (err) {
      // The hold expires on its own; a failed release only delays that.
      this.logger.warn({ requestId, msg: 'hold release failed', err: String(err) });
      return;
    }
    this.notify('released', teamId, requestId);
  }

  /** At shutdown, once every settle is issued: leased credits nobody carved go back to the team. */
  close(): Promise<void> {
    return this.holds.close();
  }

  private notify(outcome: HoldOutcome, teamId: string, requestId: string): void {
    for (const observer of this.observers) observer.onHold(outcome, teamId, requestId);
  }
}
