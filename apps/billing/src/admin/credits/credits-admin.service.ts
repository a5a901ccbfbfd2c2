import { Inject, Injectable } from '@nestjs/common';
import { InvalidRequestError } from '@switchyard/contracts';
import { type AdminPosting, type AdminPostingResult, CreditHolds, LedgerService } from '@switchyard/credits';
import type { AdminPrincipal } from '@switchyard/keys';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Operators' credit changes. Each applies once per Idempotency-Key (scoped to the team) and is
 * pushed to the gateways' balance cache straight away, so a top-up works on the next request.
 */
@Injectable()
export class CreditsAdminService {
  constructor(
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(CreditHolds) private readonly holds: CreditHolds,
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
    const result = await this.ledger.post(teamId, posting, {
      idempotencyKey: `admin:${teamId}:${idempotencyKey}`,
      actor: principal,
      memo: memo ?? null,
    });
    // Versioned by entry id: a repeat's older balance never overwrites a newer cached one.
    await this.holds.applyLedger(teamId, result.entry.balanceAfterMicro, result.entry.id, []);
    return result;
  }
}
