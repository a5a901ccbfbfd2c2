import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import type { AdminScope } from '@switchyard/keys';

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
  offset: number = 0;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
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

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;
}
