import { Equals, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { CHAT_LIMITS } from './chat-request.constants';
import { NestedField, RawField } from './dto-fields.util';
import { ToolCallFunctionDto } from './tool-call-function.dto';

/** A tool call an assistant made earlier in the conversation. */
export class ToolCallDto {
  @RawField()
  @IsString()
  @IsNotEmpty()
  @MaxLength(CHAT_LIMITS.maxToolCallIdLength)
  id!: string;

  @RawField()
  @Equals('function', { message: '$property must be "function"' })
  type!: 'function';

  @NestedField(() => ToolCallFunctionDto)
  @IsObject()
  @ValidateNested()
  function!: ToolCallFunctionDto;
}
