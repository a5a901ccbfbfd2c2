import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, Min } from 'class-validator';
import { TASK_TYPES, type TaskType } from '../routing/task-types';

/**
 * The body of POST /v1/messages (Anthropic's Messages API), for the OpenAPI docs (dtoSchemas).
 * Requests are decoded by the Messages door (apps/gateway/src/pipeline/doors/messages) into the
 * Chat Completions shape and validated as one; content blocks are documented in docs/messages.md.
 * POST /v1/messages/count_tokens takes the same body without max_tokens and stream.
 */
export class CreateMessageDto {
  /** A model alias; or task_type. */
  @IsOptional()
  @IsString()
  model?: string;

  @IsOptional()
  @IsIn(TASK_TYPES)
  task_type?: TaskType;

  @IsInt()
  @Min(1)
  max_tokens!: number;

  /** `{role: user|assistant, content: string | blocks}`; blocks text, image, tool_use, tool_result, thinking. */
  @IsArray()
  messages!: Array<Record<string, unknown>>;

  /** A string, or text blocks (cache_control kept for Anthropic upstreams). */
  @IsOptional()
  system?: string | Array<Record<string, unknown>>;

  /** `{name, description, input_schema}`; server tools reach Anthropic upstreams only. */
  @IsOptional()
  @IsArray()
  tools?: Array<Record<string, unknown>>;

  /** `{type: auto|any|tool|none, name?, disable_parallel_tool_use?}` */
  @IsOptional()
  @IsObject()
  tool_choice?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  stop_sequences?: string[];

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(2)
  temperature?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  top_p?: number;

  /** Anthropic upstreams only. */
  @IsOptional()
  @IsInt()
  top_k?: number;

  /** `{user_id}` */
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  /** `{type: enabled, budget_tokens}`: Anthropic upstreams only. */
  @IsOptional()
  @IsObject()
  thinking?: Record<string, unknown>;

  @IsOptional()
  @IsBoolean()
  stream?: boolean;
}
