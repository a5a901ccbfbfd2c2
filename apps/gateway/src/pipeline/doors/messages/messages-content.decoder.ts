import { type ChatMessage, type ContentPart, InvalidRequestError, type ToolCall } from '@switchyard/contracts';

/** A content block as a client sends it; only `type` is known until the block is read. */
type Block = Record<string, unknown> & { type: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(message: string, param: string): never {
  throw new InvalidRequestError(message, param);
}

function stringAt(block: Record<string, unknown>, field: string, param: string): string {
  const value = block[field];
  return typeof value === 'string' ? value : invalid(`${field} must be a string`, `${param}.${field}`);
}

/** `content` as a list of typed blocks (a string is one text block). */
export function blocksOf(content: unknown, param: string): Block[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) invalid('content must be a string or a list of content blocks', param);
  return content.map((block, i) =>
    isObject(block) && typeof block.type === 'string'
      ? (block as Block)
      : invalid('a content block needs a type', `${param}.${i}`),
  );
}

function imagePart(block: Block, param: string): ContentPart {
  const source = block.source;
  if (!isObject(source)) invalid('an image block needs a source', `${param}.source`);
  if (source.type === 'base64') {
    const mediaType = stringAt(source, 'media_type', `${param}.source`);
    return {
      type: 'image_url',
      image_url: { url: `data:${mediaType};base64,${stringAt(source, 'data', `${param}.source`)}` },
    };
  }
  if (source.type === 'url')
    return { type: 'image_url', image_url: { url: stringAt(source, 'url', `${param}.source`) } };
  return invalid('image source type must be base64 or url', `${param}.source.type`);
}

/** A tool result's content as text: Chat Completions tool messages carry text only. */
function toolResultText(block: Block, param: string): string {
  const content = block.content ?? '';
  const text = blocksOf(content, `${param}.content`)
    .map((part, i) => (part.type === 'text' ? stringAt(part, 'text', `${param}.content.${i}`) : ''))
    .join('\n');
  return block.is_error === true ? `Error: ${text}` : text;
}

/**
 * A user turn: its tool_result blocks as tool messages (first, as Chat Completions wants them
 * right after the assistant's tool calls), the rest as one user message of text and image parts.
 */
export function userMessagesOf(content: unknown, param: string): ChatMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const messages: ChatMessage[] = [];
  const parts: ContentPart[] = [];
  blocksOf(content, param).forEach((block, i) => {
    const at = `${param}.${i}`;
    if (block.type === 'text') parts.push({ type: 'text', text: stringAt(block, 'text', at) });
    else if (block.type === 'image') parts.push(imagePart(block, at));
    else if (block.type === 'tool_result')
      messages.push({
        role: 'tool',
        tool_call_id: stringAt(block, 'tool_use_id', at),
        content: toolResultText(block, at),
      });
    else invalid(`content blocks of type ${block.type} are not supported in user turns`, `${at}.type`);
  });
  if (parts.length > 0) messages.push({ role: 'user', content: parts });
  return messages;
}

/**
 * An assistant turn: text blocks joined, tool_use blocks as tool calls. Thinking blocks are
 * carried back only to Anthropic upstreams (passthrough); other models never saw them.
 */
export function assistantMessageOf(content: unknown, param: string): ChatMessage {
  if (typeof content === 'string') return { role: 'assistant', content };
  let text = '';
  const calls: ToolCall[] = [];
  blocksOf(content, param).forEach((block, i) => {
    const at = `${param}.${i}`;
    if (block.type === 'text') text += stringAt(block, 'text', at);
    else if (block.type === 'tool_use') {
      const input = block.input === undefined ? {} : block.input;
      if (!isObject(input)) invalid('input must be an object', `${at}.input`);
      calls.push({
        id: stringAt(block, 'id', at),
        type: 'function',
        function: { name: stringAt(block, 'name', at), arguments: JSON.stringify(input) },
      });
    } else if (block.type !== 'thinking' && block.type !== 'redacted_thinking')
      invalid(`content blocks of type ${block.type} are not supported in assistant turns`, `${at}.type`);
  });
  const message: ChatMessage = { role: 'assistant', content: calls.length > 0 && text === '' ? null : text };
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}

/** `system` (or a system message's content): a string or text blocks (cache_control is for Anthropic upstreams only). */
export function systemTextOf(system: unknown, param = 'system'): string {
  return blocksOf(system, param)
    .map((block, i) =>
      block.type === 'text'
        ? stringAt(block, 'text', `${param}.${i}`)
        : invalid('system blocks must be text', `${param}.${i}.type`),
    )
    .join('\n');
}

export { isObject };
