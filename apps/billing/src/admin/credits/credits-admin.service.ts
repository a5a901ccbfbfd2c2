import { Inject, Injectable, Logger } from '@nestjs/common';
import { InvalidRequestError } from '@switchyard/contracts';
import { type AdminPosting, type AdminPostingResult, LedgerService } from '@switchyard/ledger';
import { CreditChangePublisher, CreditHolds } from '@switchyard/holds';
import type { AdminPrincipal } from '@switchyard/admin';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Operators' credit changes. Each applies once per Idempotency-Key (scoped to the team) and
 * reaches the gateways' balance cache straight away. A top-up is cached once committed, so it
 * works on the next request. A downward adjustment binds before it commits: under the account
 * lock, the lower balance is cached, the held total read and the gateways told to give back their
 * leases' spare, in one atomic Redis step (CreditChangePublisher.lowerBalance); if Redis cannot
 * take it, nothing commits (503). The balance can then end below the new one by at most what
 * was held at that instant, which the audit entry records as `heldMicro`.
 */
@Injectable()
export class CreditsAdminService {
  private readonly logger = new Logger(CreditsAdminService.name);

  constructor(
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(CreditHolds) private readonly holds: CreditHolds,
    @Inject(CreditChangePublisher) private readonly changes: CreditChangePublisher,
  ) {}

  async post(
    principal: AdminPrincipal,
    teamId: string,
    idempotencyKey: string | undefined,
    posting: AdminPosting,
    memo?: string,
  ): Promise<AdminPostingResult> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new InvalidRequestError(
        'Every credit change needs an Idempotency-Key header (1-200 printable characters).',
        'Idempotency-Key',
      );
    }
    let lowered = false;
    const onLowered = (balanceMicro: bigint, lastEntryId: bigint) => {
      lowered = true;
      return this.changes.lowerBalance(teamId, balanceMicro, lastEntryId);
    };
    let result: AdminPostingResult;
    try {
      result = await this.ledger.post(teamId, posting, {
        idempotencyKey: `admin:${teamId}:${idempotencyKey}`,
        actor: principal,
        memo: memo ?? null,
        onLowered,
      });
    } catch (err) {
      // The cache may show a lower balance that never committed: the gateways reload it from Postgres.
      if (lowered) await this.changes.forgetBalance(teamId).catch((e: unknown) => this.warn('forget', teamId, e));
      throw err;
    }
    // Versioned by entry id: a repeat's older balance never overwrites a newer cached one. The
    // change is committed: a cache Redis refused now is only stale, until the next change or reload.
    await this.holds
      .applyLedger(teamId, result.entry.balanceAfterMicro, result.entry.id, [])
      .catch((err: unknown) => this.warn('cache', teamId, err));
    return result;
  }

  private warn(step: 'forget' | 'cache', teamId: string, err: unknown): void {
    const msg = step === 'cache' ? 'committed balance not cached' : 'uncommitted lower balance not dropped';
    this.logger.warn({ msg, teamId, err: String(err) });
  }
}
