import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { type LedgerEntryKind, USAGE_GROUPINGS, type UsageGrouping } from '@switchyard/ledger';
import { DateField, EntryCursor } from './field-bounds.decorator';
import { PageLimit } from './page-limit.decorator';

const KINDS: LedgerEntryKind[] = ['grant', 'usage', 'refund', 'adjustment', 'reversal'];

export class TimeRangeQueryDto {
  @IsOptional()
  @DateField()
  from?: Date;

  @IsOptional()
  @DateField()
  to?: Date;
}

export class LedgerFilterQueryDto extends TimeRangeQueryDto {
  @IsOptional()
  @IsIn(KINDS)
  kind?: LedgerEntryKind;

  @IsOptional()
  @IsUUID()
  keyId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  requestId?: string;
}

export class LedgerPageQueryDto extends LedgerFilterQueryDto {
  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @EntryCursor()
  cursor?: string;

  @PageLimit(1000)
  limit: number = 100;
}

export class UsageQueryDto extends TimeRangeQueryDto {
  @IsIn(USAGE_GROUPINGS)
  groupBy!: UsageGrouping;

  /** Only the `top` groups that cost most, most first (e.g. a team's top models). */
  @PageLimit(100)
  top?: number;
}
