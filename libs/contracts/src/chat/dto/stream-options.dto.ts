import { IsBoolean, IsOptional } from 'class-validator';
import { RawField } from './dto-fields.util';

export class StreamOptionsDto {
  /** Ask for a final chunk with `choices: []` and `usage`. */
  @RawField()
  @IsOptional()
  @IsBoolean()
  include_usage?: boolean;
}
