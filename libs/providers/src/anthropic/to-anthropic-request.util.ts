import {
  type ChatMessage,
  type ChatRequestBody,
  type ContentPart,
  InvalidRequestError,
  type ToolChoice,
} from '@switchyard/contracts';
import type {
  AnthropicContentBlock,
  AnthropicMessage,
  AnthropicRequest,
  AnthropicToolChoice,
} from './anthropic-wire.types';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;
const JSON_ONLY = 'Respond with a single JSON object and nothing else: no prose, no code fences.';

function textOf(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function toBlock(part: ContentPart): AnthropicContentBlock {
  if (part.type === 'text') return { type: 'text', text: part.text };
  const inline = DATA_URL.exec(part.image_url.url);
  return inline
    ? { type: 'image', source: { type: 'base64', media_type: inline[1], data: inline[2] } }
    : { type: 'image', source: { type: 'url', url: part.image_url.url } };
}

function parseArguments(text: string, index: number): unknown {
  try {
    return JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new InvalidRequestError(
      'Tool call arguments must be valid JSON for this model.',
      `messages[${index}].tool_calls`,
    );
  }
}

/** Anthropic rejects empty text blocks, so they are left out. */
function blocksOf(message: ChatMessage, index: number): AnthropicContentBlock[] {
  const content = message.content;
  const blocks: AnthropicContentBlock[] =
    typeof content === 'string' ? [{ type: 'text', text: content }] : (content ?? []).map(toBlock);
  const nonEmpty = blocks.filter((block) => block.type !== 'text' || block.text !== '');
  if (message.role === 'tool')
    return [{ type: 'tool_result', tool_use_id: message.tool_call_id ?? '', content: textOf(content) }];
  for (const call of message.tool_calls ?? []) {
    nonEmpty.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: parseArguments(call.function.arguments, index),
    });
  }
  return nonEmpty;
}

/**
 * Anthropic wants strictly alternating user/assistant turns and every tool result in the user
 * turn that follows the tool calls: consecutive messages of one side are merged.
 */
function toMessages(messages: readonly ChatMessage[]): AnthropicMessage[] {
  const turns: AnthropicMessage[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'system' || message.role === 'developer') return;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = blocksOf(message, index);
    const last = turns.at(-1);
    if (last?.role === role) (last.content as AnthropicContentBlock[]).push(...blocks);
    else turns.push({ role, content: blocks });
  });
  // A lone text block is sent as a plain string, the form Anthropic documents first.
  return turns.map((turn) => {
    const [only] = turn.content as AnthropicContentBlock[];
    return turn.content.length === 1 && only.type === 'text' ? { role: turn.role, content: only.text } : turn;
  });
}

function toToolChoice(choice: ToolChoice | undefined, parallel: boolean | undefined): AnthropicToolChoice | undefined {
  if (choice === 'none') return { type: 'none' };
  const single = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === 'required') return { type: 'any', ...single };
  if (typeof choice === 'object') return { type: 'tool', name: choice.function.name, ...single };
  return choice === 'auto' || parallel === false ? { type: 'auto', ...single } : undefined;
}

function systemPrompt(body: ChatRequestBody): string | undefined {
  const parts = body.messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => textOf(m.content));
  const format = body.response_format;
  if (format?.type === 'json_object') parts.push(JSON_ONLY);
  if (format?.type === 'json_schema')
    parts.push(
      `${JSON_ONLY} It must match this JSON schema: ${JSON.stringify(format.json_schema.schema ?? { type: 'object' })}`,
    );
  const text = parts.filter((part) => part !== '').join('\n\n');
  return text === '' ? undefined : text;
}

/**
 * An OpenAI chat request as a Messages API request. System and developer messages become
 * `system`; tool messages become `tool_result` blocks; JSON modes become a system instruction
 * (the Messages API has no response_format); temperature is capped at Anthropic's maximum of 1.
 * seed, presence/frequency penalties and n have no equivalent and are not sent.
 */
export function toAnthropicRequest(body: ChatRequestBody): AnthropicRequest {
  const request: AnthropicRequest = {
    model: body.model,
    max_tokens: body.max_tokens ?? 4096,
    messages: toMessages(body.messages),
  };
  const system = systemPrompt(body);
  if (system !== undefined) request.system = system;
  if (body.temperature !== undefined) request.temperature = Math.min(1, body.temperature);
  if (body.top_p !== undefined) request.top_p = body.top_p;
  if (body.stop !== undefined) request.stop_sequences = typeof body.stop === 'string' ? [body.stop] : [...body.stop];
  if (body.tools && body.tools.length > 0) {
    request.tools = body.tools.map(({ function: fn }) => ({
      name: fn.name,
      ...(fn.description !== undefined ? { description: fn.description } : {}),
      input_schema: fn.parameters ?? { type: 'object', properties: {} },
    }));
    const choice = toToolChoice(body.tool_choice, body.parallel_tool_calls);
    if (choice) request.tool_choice = choice;
  }
  if (body.user !== undefined) request.metadata = { user_id: body.user };
  if (body.stream) request.stream = true;
  return request;
}
