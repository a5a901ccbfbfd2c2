import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** Micro-credits travel as decimal strings: JSON numbers cannot hold every bigint exactly. */
const MICRO = /^-?\d{1,19}$/;

export class GrantDto {
  @Matches(/^\d{1,19}$/, { message: 'amountMicro must be a positive integer string of micro-credits' })
  amountMicro!: string;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  memo?: string;
}

export class AdjustDto {
  @Matches(MICRO, { message: 'amountMicro must be a signed integer string of micro-credits' })
  amountMicro!: string;

  @IsString()
  @Length(1, 500)
  memo!: string;
}

export class RefundDto {
  @IsString()
  @Length(1, 200)
  requestId!: string;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  memo?: string;
}
