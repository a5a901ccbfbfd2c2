import {
  Equals,
  IsBoolean,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { TaskType } from '../../routing/task-types';
import { CHAT_LIMITS } from './chat-request.constants';
import { ChatMessageDto } from './chat-message.dto';
import { ConvertedField, NestedField, RawField, toInstance } from './dto-fields.util';
import { IsMessageList } from './message-list.dto';
import { NamedToolChoiceDto } from './named-tool-choice.dto';
import { ResponseFormatDto } from './response-format.dto';
import { StreamOptionsDto } from './stream-options.dto';
import { ToolDto } from './tool.dto';
import { HasUniqueFunctionNames } from './validators/has-unique-function-names.validator';
import { IsModelSelection, IsTaskTypeSelection } from './validators/is-model-selection.validator';
import { IsObjectArray } from './validators/is-object-array.validator';
import { IsStop } from './validators/is-stop.validator';
import { IsToolChoice } from './validators/is-tool-choice.validator';
import { MaxCharacters } from './validators/max-characters.validator';

const FINITE = { allowNaN: false, allowInfinity: false };
const A_NUMBER = { message: '$property must be a number' };
const { MIN_SAFE_INTEGER, MAX_SAFE_INTEGER } = Number;

/**
 * The body of POST /v1/chat/completions as clients send it (DESIGN §2). Optional fields accept
 * `null` as "not given". Validate through `validateChatRequest`, which also applies defaults.
 */
export class CreateChatCompletionDto {
  @RawField()
  @IsModelSelection()
  model?: string | null;

  @RawField()
  @IsOptional()
  @IsTaskTypeSelection()
  task_type?: TaskType | null;

  @NestedField(() => ChatMessageDto)
  @IsMessageList()
  @ValidateNested()
  messages!: ChatMessageDto[];

  @RawField()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SAFE_INTEGER)
  max_tokens?: number | null;

  /** OpenAI's newer name for max_tokens; when both are given, this one wins. */
  @RawField()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SAFE_INTEGER)
  max_completion_tokens?: number | null;

  @RawField()
  @IsOptional()
  @IsNumber(FINITE, A_NUMBER)
  @Min(0)
  @Max(2)
  temperature?: number | null;

  @RawField()
  @IsOptional()
  @IsNumber(FINITE, A_NUMBER)
  @Min(0)
  @Max(1)
  top_p?: number | null;

  @RawField()
  @IsOptional()
  @IsBoolean()
  stream?: boolean | null;

  /** Meaningful only when streaming; ignored otherwise (the seed's own example sends it with stream false). */
  @NestedField(() => StreamOptionsDto)
  @IsOptional()
  @IsObject()
  @ValidateNested()
  stream_options?: StreamOptionsDto | null;

  @NestedField(() => ToolDto)
  @IsOptional()
  @IsObjectArray(0, CHAT_LIMITS.maxTools)
  @HasUniqueFunctionNames()
  @ValidateNested()
  tools?: ToolDto[] | null;

  @ConvertedField((raw) => toInstance(NamedToolChoiceDto, raw))
  @IsOptional()
  @IsToolChoice()
  tool_choice?: 'none' | 'auto' | 'required' | NamedToolChoiceDto | null;

  @RawField()
  @IsOptional()
  @IsBoolean()
  parallel_tool_calls?: boolean | null;

  @NestedField(() => ResponseFormatDto)
  @IsOptional()
  @IsObject()
  @ValidateNested()
  response_format?: ResponseFormatDto | null;

  @RawField()
  @IsOptional()
  @IsInt()
  @Min(MIN_SAFE_INTEGER)
  @Max(MAX_SAFE_INTEGER)
  seed?: number | null;

  @RawField()
  @IsOptional()
  @IsStop()
  stop?: string | string[] | null;

  @RawField()
  @IsOptional()
  @IsString()
  @MaxCharacters(CHAT_LIMITS.maxUserLength)
  user?: string | null;

  @RawField()
  @IsOptional()
  @IsNumber(FINITE, A_NUMBER)
  @Min(-2)
  @Max(2)
  presence_penalty?: number | null;

  @RawField()
  @IsOptional()
  @IsNumber(FINITE, A_NUMBER)
  @Min(-2)
  @Max(2)
  frequency_penalty?: number | null;

  /** Switchyard returns one choice per request. */
  @RawField()
  @IsOptional()
  @Equals(1, { message: '$property must be 1: only one choice per request is supported' })
  n?: number | null;
}
