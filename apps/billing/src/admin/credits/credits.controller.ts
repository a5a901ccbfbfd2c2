import { Body, Headers, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AdminPosting } from '@switchyard/ledger';
import type { AdminPrincipal } from '@switchyard/admin';
import { Principal } from '../auth/admin-principal';
import { AdjustDto, GrantDto, RefundDto } from '../dto/credits.dto';
import { AdminController } from '../http/admin-controller.decorator';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { CreditsAdminService } from './credits-admin.service';

/**
 * Grants, signed adjustments and refunds. The same Idempotency-Key with the same body answers
 * the same entry (marked `Idempotent-Replayed: true`); with a different body it is refused.
 */
@AdminController('teams/:teamId/credits')
export class CreditsController {
  constructor(@Inject(CreditsAdminService) private readonly credits: CreditsAdminService) {}

  @Post('grants')
  grant(
    @Principal() p: AdminPrincipal,
    @Param('teamId', ParseIdPipe) teamId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: GrantDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.post(p, teamId, key, { kind: 'grant', amountMicro: BigInt(body.amountMicro) }, body.memo, res);
  }

  @Post('adjustments')
  adjust(
    @Principal() p: AdminPrincipal,
    @Param('teamId', ParseIdPipe) teamId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: AdjustDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.post(p, teamId, key, { kind: 'adjustment', amountMicro: BigInt(body.amountMicro) }, body.memo, res);
  }

  /** Reverses the request's usage debit; a request is refunded at most once. */
  @Post('refunds')
  refund(
    @Principal() p: AdminPrincipal,
    @Param('teamId', ParseIdPipe) teamId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RefundDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.post(p, teamId, key, { kind: 'refund', requestId: body.requestId }, body.memo, res);
  }

  private async post(
    p: AdminPrincipal,
    teamId: string,
    key: string | undefined,
    posting: AdminPosting,
    memo: string | undefined,
    res: Response,
  ) {
    const { entry, applied } = await this.credits.post(p, teamId, key, posting, memo);
    if (!applied) res.setHeader('idempotent-replayed', 'true');
    return { entry };
  }
}
