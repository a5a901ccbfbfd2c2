import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import type { AdminScope } from '@switchyard/admin';
import { INT32_MAX } from './field-bounds.decorator';
import { PageLimit } from './page-limit.decorator';

export class CreateAdminTokenDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIn(['read', 'write'])
  scope!: AdminScope;

  /** Omitted: every team. */
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(INT32_MAX)
  offset: number = 0;

  @PageLimit(500)
  limit: number = 100;
}

export class ReconciliationQueryDto {
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

export class AuditQueryDto {
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @PageLimit(500)
  limit: number = 100;
}
