import { isTaskType } from '../routing/task-types';
import type { ChatMessage } from './chat-wire.types';
import { CHAT_LIMITS, DEFAULT_MAX_TOKENS, DEFAULT_TEMPERATURE } from './dto/chat-request.constants';
import { isJsonObject } from './dto/dto-fields.util';
import type { ValidatedChatBody, ValidatedChatRequest } from './dto/validated-chat-request.types';

/**
 * The common request, validated without class-transformer and class-validator: plain text
 * messages and scalar sampling options, the shape almost every completion has. It answers only
 * when it is sure, with exactly what validateChatRequest's DTO pass would return; anything else
 * (tools, content parts, stop, response_format, any invalid value) gets `undefined` and goes
 * through the DTOs, which also phrase every error. fast-chat-request.util.spec.ts checks the
 * equivalence on the DTO specs' cases and on fuzzed bodies.
 */

/** Fields that make a request uncommon: left to the DTOs whenever they are present at all. */
const DTO_ONLY_FIELDS = [
  'stream_options',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'stop',
] as const;
const TEXT_ROLES: ReadonlySet<unknown> = new Set(['system', 'developer', 'user', 'assistant']);
const { MAX_SAFE_INTEGER, MIN_SAFE_INTEGER } = Number;

const absent = (value: unknown): value is null | undefined => value === undefined || value === null;
const inRange = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
const isIntIn = (value: unknown, min: number, max: number): value is number =>
  Number.isInteger(value) && inRange(value, min, max);

/** An own field of the parsed body (never one inherited from Object.prototype). */
const ownField = (body: Record<string, unknown>, name: string): unknown =>
  Object.hasOwn(body, name) ? body[name] : undefined;

/** Absent (undefined or null), or a value `valid` accepts. */
const optional = (value: unknown, valid: (v: unknown) => boolean): boolean => absent(value) || valid(value);

function textMessages(raw: unknown): ChatMessage[] | undefined {
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > CHAT_LIMITS.maxMessages) return undefined;
  const messages: ChatMessage[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const message: unknown = raw[i];
    if (!isJsonObject(message) || !TEXT_ROLES.has(message.role) || typeof message.content !== 'string')
      return undefined;
    // Only role and content: other fields mean tool calls or names, and unknown ones still count
    // against the DTO pass's size and depth bounds, so both are left to it.
    for (const key in message) if (key !== 'role' && key !== 'content') return undefined;
    messages[i] = { role: message.role as ChatMessage['role'], content: message.content };
  }
  return messages;
}

function selection(body: Record<string, unknown>): Pick<ValidatedChatRequest, 'model' | 'task_type'> | undefined {
  const model = ownField(body, 'model');
  const taskType = ownField(body, 'task_type');
  if (absent(taskType)) {
    return typeof model === 'string' && model.length >= 1 && model.length <= CHAT_LIMITS.maxModelLength
      ? { model }
      : undefined;
  }
  return isTaskType(taskType) && (absent(model) || model === '') ? { task_type: taskType } : undefined;
}

export function fastValidChatRequest(body: unknown): ValidatedChatRequest | undefined {
  if (!isJsonObject(body)) return undefined;
  for (const field of DTO_ONLY_FIELDS) if (Object.hasOwn(body, field)) return undefined;
  const chosen = selection(body);
  const messages = textMessages(ownField(body, 'messages'));
  if (!chosen || !messages) return undefined;
  const [maxTokens, maxCompletionTokens, temperature, topP, stream, seed, user, presence, frequency, n] = [
    'max_tokens',
    'max_completion_tokens',
    'temperature',
    'top_p',
    'stream',
    'seed',
    'user',
    'presence_penalty',
    'frequency_penalty',
    'n',
  ].map((name) => ownField(body, name));
  const valid =
    optional(maxTokens, (v) => isIntIn(v, 1, MAX_SAFE_INTEGER)) &&
    optional(maxCompletionTokens, (v) => isIntIn(v, 1, MAX_SAFE_INTEGER)) &&
    optional(temperature, (v) => inRange(v, 0, 2)) &&
    optional(topP, (v) => inRange(v, 0, 1)) &&
    optional(stream, (v) => typeof v === 'boolean') &&
    optional(seed, (v) => isIntIn(v, MIN_SAFE_INTEGER, MAX_SAFE_INTEGER)) &&
    optional(user, (v) => typeof v === 'string' && v.length <= CHAT_LIMITS.maxUserLength) &&
    optional(presence, (v) => inRange(v, -2, 2)) &&
    optional(frequency, (v) => inRange(v, -2, 2)) &&
    optional(n, (v) => v === 1);
  if (!valid) return undefined;

  const out: ValidatedChatBody = {
    messages,
    max_tokens: (maxCompletionTokens ?? maxTokens ?? DEFAULT_MAX_TOKENS) as number,
    temperature: (temperature ?? DEFAULT_TEMPERATURE) as number,
    stream: (stream ?? false) as boolean,
  };
  if (!absent(topP)) out.top_p = topP as number;
  if (!absent(seed)) out.seed = seed as number;
  if (!absent(user)) out.user = user as string;
  if (!absent(presence)) out.presence_penalty = presence as number;
  if (!absent(frequency)) out.frequency_penalty = frequency as number;
  const request: ValidatedChatRequest = { ...chosen, body: out };
  if (!absent(maxCompletionTokens)) request.maxTokensParam = 'max_completion_tokens';
  else if (!absent(maxTokens)) request.maxTokensParam = 'max_tokens';
  return request;
}
