import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { LedgerEntryKind, UsageGrouping } from '@switchyard/ledger';
import { DateField, EntryCursor } from './field-bounds.decorator';
import { PageLimit } from './page-limit.decorator';

const KINDS: LedgerEntryKind[] = ['grant', 'usage', 'refund', 'adjustment', 'reversal'];
const GROUPINGS: UsageGrouping[] = ['day', 'model', 'key', 'task_type'];

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
  @IsIn(GROUPINGS)
  groupBy!: UsageGrouping;
}
