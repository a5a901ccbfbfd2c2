import type {
  ChatMessage,
  ContentPart,
  ResponseFormat,
  ToolCall,
  ToolChoice,
  ToolDefinition,
} from '../chat-wire.types';
import { DEFAULT_MAX_TOKENS, DEFAULT_TEMPERATURE } from './chat-request.constants';
import type { ChatMessageDto } from './chat-message.dto';
import type { ContentPartDto } from './content-part.util';
import type { CreateChatCompletionDto } from './create-chat-completion.dto';
import { TextContentPartDto } from './text-content-part.dto';
import type { ToolCallDto } from './tool-call.dto';
import type { ToolDto } from './tool.dto';
import type { ValidatedChatBody, ValidatedChatRequest } from './validated-chat-request.types';

/** `null` and `undefined` both mean "not given". */
const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

function toPart(part: ContentPartDto): ContentPart {
  if (part instanceof TextContentPartDto) return { type: 'text', text: part.text };
  const { url, detail } = part.image_url;
  return { type: 'image_url', image_url: given(detail) ? { url, detail } : { url } };
}

function toToolCall(call: ToolCallDto): ToolCall {
  return { id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } };
}

/** Keeps only the fields the message's role uses. */
function toMessage(dto: ChatMessageDto): ChatMessage {
  const message: ChatMessage = { role: dto.role };
  if (typeof dto.content === 'string') message.content = dto.content;
  else if (Array.isArray(dto.content)) message.content = dto.content.map(toPart);
  else if (dto.content === null) message.content = null;
  if (given(dto.name)) message.name = dto.name;
  if (dto.role === 'assistant' && given(dto.tool_calls)) message.tool_calls = dto.tool_calls.map(toToolCall);
  if (dto.role === 'tool' && given(dto.tool_call_id)) message.tool_call_id = dto.tool_call_id;
  return message;
}

function toTool(dto: ToolDto): ToolDefinition {
  const { name, description, parameters, strict } = dto.function;
  const fn: ToolDefinition['function'] = { name };
  if (given(description)) fn.description = description;
  if (given(parameters)) fn.parameters = parameters;
  if (given(strict)) fn.strict = strict;
  return { type: 'function', function: fn };
}

function toToolChoice(choice: NonNullable<CreateChatCompletionDto['tool_choice']>): ToolChoice {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.function.name } };
}

function toResponseFormat(format: NonNullable<CreateChatCompletionDto['response_format']>): ResponseFormat {
  if (format.type !== 'json_schema' || !format.json_schema)
    return { type: format.type === 'json_object' ? 'json_object' : 'text' };
  const { name, description, schema, strict } = format.json_schema;
  const jsonSchema: Extract<ResponseFormat, { type: 'json_schema' }>['json_schema'] = { name };
  if (given(description)) jsonSchema.description = description;
  if (given(schema)) jsonSchema.schema = schema;
  if (given(strict)) jsonSchema.strict = strict;
  return { type: 'json_schema', json_schema: jsonSchema };
}

/**
 * Turns a validated DTO into the plain body forwarded upstream. Free-form JSON schemas are passed
 * by reference. `n` is dropped (always 1); `stream_options` is kept only when streaming, and
 * `tool_choice`/`parallel_tool_calls` only when there are tools.
 */
export function toValidatedChatRequest(dto: CreateChatCompletionDto): ValidatedChatRequest {
  const body: ValidatedChatBody = {
    messages: dto.messages.map(toMessage),
    max_tokens: dto.max_completion_tokens ?? dto.max_tokens ?? DEFAULT_MAX_TOKENS,
    temperature: dto.temperature ?? DEFAULT_TEMPERATURE,
    stream: dto.stream ?? false,
  };
  if (given(dto.top_p)) body.top_p = dto.top_p;
  if (body.stream && given(dto.stream_options)) {
    body.stream_options = given(dto.stream_options.include_usage)
      ? { include_usage: dto.stream_options.include_usage }
      : {};
  }
  if (given(dto.tools) && dto.tools.length > 0) {
    body.tools = dto.tools.map(toTool);
    if (given(dto.tool_choice)) body.tool_choice = toToolChoice(dto.tool_choice);
    if (given(dto.parallel_tool_calls)) body.parallel_tool_calls = dto.parallel_tool_calls;
  }
  if (given(dto.response_format)) body.response_format = toResponseFormat(dto.response_format);
  if (given(dto.seed)) body.seed = dto.seed;
  if (given(dto.stop)) body.stop = dto.stop;
  if (given(dto.user)) body.user = dto.user;
  if (given(dto.presence_penalty)) body.presence_penalty = dto.presence_penalty;
  if (given(dto.frequency_penalty)) body.frequency_penalty = dto.frequency_penalty;

  // Validation guarantees exactly one of them.
  const request: ValidatedChatRequest = given(dto.task_type)
    ? { task_type: dto.task_type, body }
    : { model: dto.model ?? '', body };
  if (given(dto.max_completion_tokens)) request.maxTokensParam = 'max_completion_tokens';
  else if (given(dto.max_tokens)) request.maxTokensParam = 'max_tokens';
  return request;
}
