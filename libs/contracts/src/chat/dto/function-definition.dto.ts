import { IsBoolean, IsObject, IsOptional, IsString, Matches } from 'class-validator';
import { CHAT_LIMITS, FUNCTION_NAME_MESSAGE, FUNCTION_NAME_PATTERN } from './chat-request.constants';
import { RawField } from './dto-fields.util';
import { MaxCharacters } from './validators/max-characters.validator';

export class FunctionDefinitionDto {
  @RawField()
  @IsString()
  @Matches(FUNCTION_NAME_PATTERN, { message: FUNCTION_NAME_MESSAGE })
  name!: string;

  @RawField()
  @IsOptional()
  @IsString()
  @MaxCharacters(CHAT_LIMITS.maxDescriptionLength)
  description?: string;

  /** A JSON schema, forwarded as sent: only its being an object is checked here. */
  @RawField()
  @IsOptional()
  @IsObject()
  parameters?: Record<string, unknown>;

  @RawField()
  @IsOptional()
  @IsBoolean()
  strict?: boolean;
}
