import { IsString, Matches } from 'class-validator';
import { FUNCTION_NAME_MESSAGE, FUNCTION_NAME_PATTERN } from './chat-request.constants';
import { RawField } from './dto-fields.util';

export class ToolChoiceFunctionDto {
  @RawField()
  @IsString()
  @Matches(FUNCTION_NAME_PATTERN, { message: FUNCTION_NAME_MESSAGE })
  name!: string;
}
