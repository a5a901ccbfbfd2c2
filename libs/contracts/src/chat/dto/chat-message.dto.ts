import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, ValidateIf, ValidateNested } from 'class-validator';
import type { ChatRole } from '../chat-wire.types';
import { CHAT_LIMITS, CHAT_ROLES } from './chat-request.constants';
import { toMessageContent, type ContentPartDto } from './content-part.util';
import { ConvertedField, NestedField, RawField } from './dto-fields.util';
import { ToolCallDto } from './tool-call.dto';
import { IsMessageContent } from './validators/is-message-content.validator';
import { IsObjectArray } from './validators/is-object-array.validator';
import { MaxCharacters } from './validators/max-characters.validator';

/**
 * One entry of `messages`. A field that a role does not use (`tool_calls` on a user message,
 * `tool_call_id` on a system message) is ignored like any unknown field: generic client
 * schemas, the seed's among them, show every field on every message.
 */
export class ChatMessageDto {
  @RawField()
  @IsIn(CHAT_ROLES)
  role!: ChatRole;

  @ConvertedField(toMessageContent)
  @IsMessageContent()
  content?: string | ContentPartDto[] | null;

  @RawField()
  @IsOptional()
  @IsString()
  @MaxCharacters(CHAT_LIMITS.maxNameLength)
  name?: string;

  @NestedField(() => ToolCallDto)
  @ValidateIf(
    (message: ChatMessageDto) =>
      message.role === 'assistant' && message.tool_calls !== undefined && message.tool_calls !== null,
  )
  @IsObjectArray(1, CHAT_LIMITS.maxToolCallsPerMessage)
  @ValidateNested()
  tool_calls?: ToolCallDto[] | null;

  @RawField()
  @ValidateIf((message: ChatMessageDto) => message.role === 'tool')
  @IsDefined({ message: '$property is required on tool messages' })
  @IsString()
  @IsNotEmpty()
  @MaxCharacters(CHAT_LIMITS.maxToolCallIdLength)
  tool_call_id?: string;
}
