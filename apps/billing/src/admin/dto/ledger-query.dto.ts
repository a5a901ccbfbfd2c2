import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { LedgerEntryKind, UsageGrouping } from '@switchyard/credits';
import { PageLimit } from './page-limit.decorator';

const KINDS: LedgerEntryKind[] = ['grant', 'usage', 'refund', 'adjustment', 'reversal'];
const GROUPINGS: UsageGrouping[] = ['day', 'model', 'key', 'task_type'];

export class TimeRangeQueryDto {
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
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
  @Matches(/^\d{1,19}$/)
  cursor?: string;

  @PageLimit(1000)
  limit: number = 100;
}

export class UsageQueryDto extends TimeRangeQueryDto {
  @IsIn(GROUPINGS)
  groupBy!: UsageGrouping;
}
