import { type ChatMessage, InvalidRequestError, type ToolChoice, type ToolDefinition } from '@switchyard/contracts';
import { assistantMessageOf, isObject, systemTextOf, userMessagesOf } from './messages-content.decoder';

/** The Messages API's default temperature (Chat Completions' is 0.7). */
const ANTHROPIC_DEFAULT_TEMPERATURE = 1;

function invalid(message: string, param: string): never {
  throw new InvalidRequestError(message, param);
}

function messagesOf(body: Record<string, unknown>): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (body.system !== undefined && body.system !== null) {
    const system = systemTextOf(body.system);
    if (system !== '') out.push({ role: 'system', content: system });
  }
  if (!Array.isArray(body.messages)) invalid('messages must be a list', 'messages');
  body.messages.forEach((message: unknown, i) => {
    const at = `messages.${i}`;
    if (!isObject(message)) invalid('a message must be an object', at);
    if (message.role === 'user') out.push(...userMessagesOf(message.content, `${at}.content`));
    else if (message.role === 'assistant') out.push(assistantMessageOf(message.content, `${at}.content`));
    // Claude Code (the 1.x SDK's SystemMessageParam) puts system messages between the turns.
    else if (message.role === 'system')
      out.push({ role: 'system', content: systemTextOf(message.content, `${at}.content`) });
    else invalid('role must be user, assistant or system', `${at}.role`);
  });
  return out;
}

/**
 * Custom tools as functions. Anthropic's server tools (web_search, bash, …: a `type` and no
 * input_schema) are left out: only an Anthropic upstream could run them (passthrough keeps them).
 */
function toolsOf(tools: unknown): ToolDefinition[] | undefined {
  if (tools === undefined || tools === null) return undefined;
  if (!Array.isArray(tools)) invalid('tools must be a list', 'tools');
  const defined: ToolDefinition[] = [];
  tools.forEach((tool: unknown, i) => {
    if (!isObject(tool)) invalid('a tool must be an object', `tools.${i}`);
    if (tool.input_schema === undefined && tool.type !== undefined && tool.type !== 'custom') return;
    const fn: ToolDefinition['function'] = { name: tool.name as string, parameters: tool.input_schema as never };
    if (tool.description !== undefined) fn.description = tool.description as string;
    defined.push({ type: 'function', function: fn });
  });
  return defined;
}

function toolChoiceOf(choice: Record<string, unknown>): ToolChoice {
  switch (choice.type) {
    case 'auto':
    case 'none':
      return choice.type;
    case 'any':
      return 'required';
    case 'tool':
      if (typeof choice.name !== 'string') invalid('name must be a string', 'tool_choice.name');
      return { type: 'function', function: { name: choice.name } };
    default:
      return invalid('tool_choice.type must be auto, any, tool or none', 'tool_choice.type');
  }
}

export interface DecodeOptions {
  /** count_tokens has no max_tokens. */
  maxTokensRequired: boolean;
}

/**
 * A Messages API request as a Chat Completions request (the pipeline's internal shape), still to be
 * validated as one: the body's own structure is checked here (400 naming the Messages API param),
 * field values by chat validation. Pure; what the translation leaves out (top_k, thinking,
 * cache_control, server tools) reaches Anthropic upstreams through passthrough (messages.door.ts).
 */
export function decodeMessagesRequest(body: unknown, options: DecodeOptions = { maxTokensRequired: true }): unknown {
  if (!isObject(body)) invalid('the request body must be a JSON object', 'body');
  if (options.maxTokensRequired && (body.max_tokens === undefined || body.max_tokens === null))
    invalid('Field required', 'max_tokens');
  const chat: Record<string, unknown> = {
    messages: messagesOf(body),
    max_tokens: body.max_tokens ?? undefined,
    temperature: body.temperature ?? ANTHROPIC_DEFAULT_TEMPERATURE,
  };
  for (const field of ['model', 'task_type', 'top_p', 'stream'] as const)
    if (body[field] !== undefined && body[field] !== null) chat[field] = body[field];
  if (body.stop_sequences !== undefined && body.stop_sequences !== null) chat.stop = body.stop_sequences;
  const tools = toolsOf(body.tools);
  if (tools && tools.length > 0) chat.tools = tools;
  if (isObject(body.tool_choice)) {
    chat.tool_choice = toolChoiceOf(body.tool_choice);
    if (body.tool_choice.disable_parallel_tool_use === true) chat.parallel_tool_calls = false;
  } else if (body.tool_choice !== undefined && body.tool_choice !== null)
    invalid('tool_choice must be an object', 'tool_choice');
  if (isObject(body.metadata) && typeof body.metadata.user_id === 'string') chat.user = body.metadata.user_id;
  return chat;
}
