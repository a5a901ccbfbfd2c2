import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { formatCredits } from '@switchyard/contracts';
import { CreditHolds } from '@switchyard/holds';
import type { AuthenticatedKey } from '@switchyard/keys';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentKey } from '../auth/current-key.decorator';

@Controller('v1/credits')
@UseGuards(ApiKeyGuard)
export class CreditsController {
  constructor(@Inject(CreditHolds) private readonly holds: CreditHolds) {}

  /** The calling team's credits: what the ledger holds, what in-flight requests reserve, and the rest. */
  @Get()
  async get(@CurrentKey() key: AuthenticatedKey) {
    const { balanceMicro, heldMicro, availableMicro } = await this.holds.snapshot(key.teamId);
    return {
      object: 'credits',
      team_id: key.teamId,
      balance: formatCredits(balanceMicro),
      held: formatCredits(heldMicro),
      available: formatCredits(availableMicro),
    };
  }
}
