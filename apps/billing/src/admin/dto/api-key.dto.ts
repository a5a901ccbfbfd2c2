import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { TIERS, type Tier } from '@switchyard/contracts';
import { DateField, INT32_MAX, NullableField } from './field-bounds.decorator';

/** Settings shared by key creation and update. `null` clears a limit, the expiry or an allow-list. */
export class ApiKeySettingsDto {
  @NullableField()
  @DateField()
  expiresAt?: Date | null;

  /** null: every model. A list names the only aliases allowed, so an empty one is refused, never read as "all". */
  @NullableField()
  @IsArray()
  @ArrayMinSize(1, { message: 'allowedModels must name at least one model alias (null allows every model)' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  allowedModels?: string[] | null;

  /** null: every tier; as for models, an empty list is refused. */
  @NullableField()
  @IsArray()
  @ArrayMinSize(1, { message: 'allowedTiers must name at least one tier (null allows every tier)' })
  @IsIn(TIERS, { each: true })
  allowedTiers?: Tier[] | null;

  @NullableField()
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  rpmLimit?: number | null;

  @NullableField()
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
