import { Equals, IsNotEmpty, IsObject, IsString, ValidateNested } from 'class-validator';
import { CHAT_LIMITS } from './chat-request.constants';
import { NestedField, RawField } from './dto-fields.util';
import { ToolCallFunctionDto } from './tool-call-function.dto';
import { MaxCharacters } from './validators/max-characters.validator';

/** A tool call an assistant made earlier in the conversation. */
export class ToolCallDto {
  @RawField()
  @IsString()
  @IsNotEmpty()
  @MaxCharacters(CHAT_LIMITS.maxToolCallIdLength)
  id!: string;

  @RawField()
  @Equals('function', { message: '$property must be "function"' })
  type!: 'function';

  @NestedField(() => ToolCallFunctionDto)
  @IsObject()
  @ValidateNested()
  function!: ToolCallFunctionDto;
}
