import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { TIERS, type Tier } from '@switchyard/contracts';
import { DateField, INT32_MAX } from './field-bounds.decorator';

/** Settings shared by key creation and update. `null` clears a limit or the expiry. */
export class ApiKeySettingsDto {
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @DateField()
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
  @Max(INT32_MAX)
  rpmLimit?: number | null;

  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
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
