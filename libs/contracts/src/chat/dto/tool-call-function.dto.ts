import { IsString, Matches } from 'class-validator';
import { FUNCTION_NAME_MESSAGE, FUNCTION_NAME_PATTERN } from './chat-request.constants';
import { RawField } from './dto-fields.util';

export class ToolCallFunctionDto {
  @RawField()
  @IsString()
  @Matches(FUNCTION_NAME_PATTERN, { message: FUNCTION_NAME_MESSAGE })
  name!: string;

  /** JSON text as the model produced it; kept verbatim, even when it is not valid JSON. */
  @RawField()
  @IsString()
  arguments!: string;
}
