import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateIf,
} from 'class-validator';
import { TIERS, type Tier } from '@switchyard/contracts';

/** Settings shared by key creation and update. `null` clears a limit or the expiry. */
export class ApiKeySettingsDto {
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  allowedModels?: string[];

  @IsOptional()
  @IsArray()
  @IsIn(TIERS, { each: true })
  allowedTiers?: Tier[];

  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(1)
  rpmLimit?: number | null;

  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(1)
  tpmLimit?: number | null;
}

export class UpdateApiKeyDto extends ApiKeySettingsDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class CreateApiKeyDto extends ApiKeySettingsDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsIn(['live', 'test'])
  env: 'live' | 'test' = 'live';
}
