import { Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { type LedgerFilter, LedgerQueryService, USAGE_GROUPINGS } from '@switchyard/ledger';
import { LedgerFilterQueryDto, LedgerPageQueryDto, UsageQueryDto } from '../dto/ledger-query.dto';
import { AdminController } from '../http/admin-controller.decorator';
import { ParseIdPipe } from '../http/parse-id.pipe';
import { LEDGER_CSV_HEADER, ledgerCsvRow } from './ledger-csv.util';

function filterOf(query: LedgerFilterQueryDto): LedgerFilter {
  return { kind: query.kind, from: query.from, to: query.to, apiKeyId: query.keyId, requestId: query.requestId };
}

/** A team's ledger, newest first, and its usage in aggregate. */
@AdminController('teams/:teamId')
export class LedgerController {
  constructor(@Inject(LedgerQueryService) private readonly ledger: LedgerQueryService) {}

  @Get('ledger')
  list(@Param('teamId', ParseIdPipe) teamId: string, @Query() query: LedgerPageQueryDto) {
    const before = query.cursor === undefined ? undefined : BigInt(query.cursor);
    return this.ledger.listEntries(teamId, filterOf(query), { before, limit: query.limit });
  }

  /** The whole filtered ledger as CSV, streamed page by page. */
  @Get('ledger/export')
  async export(
    @Param('teamId', ParseIdPipe) teamId: string,
    @Query() query: LedgerFilterQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const pages = this.ledger.allEntries(teamId, filterOf(query));
    const first = await pages.next();
    res.status(200).setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="ledger-${teamId}.csv"`);
    res.write(LEDGER_CSV_HEADER);
    if (!first.done) res.write(first.value.map(ledgerCsvRow).join(''));
    for await (const page of pages) res.write(page.map(ledgerCsvRow).join(''));
    res.end();
  }

  @Get('usage')
  @ApiQuery({
    name: 'groupBy',
    enum: USAGE_GROUPINGS,
    description:
      'One row per day (YYYY-MM-DD, UTC), model, key, task type or tier; day_model and day_tier: one per day and model (or tier), each row with its `day`.',
  })
  @ApiQuery({
    name: 'top',
    required: false,
    type: Number,
    description: 'Only the N costliest rows, costliest first (1-100).',
  })
  @ApiQuery({ name: 'from', required: false, type: String, description: 'ISO 8601, inclusive.' })
  @ApiQuery({ name: 'to', required: false, type: String, description: 'ISO 8601, exclusive.' })
  async usage(@Param('teamId', ParseIdPipe) teamId: string, @Query() query: UsageQueryDto) {
    return {
      groupBy: query.groupBy,
      rows: await this.ledger.usageAggregates(teamId, query.groupBy, { from: query.from, to: query.to }, query.top),
    };
  }
}
