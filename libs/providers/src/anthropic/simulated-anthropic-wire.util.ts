import type { ChatMessage, ChatRequestBody, ToolChoice } from '@switchyard/contracts';
import type { SimulatedResult } from '../simulated/simulated.types';
import type {
  AnthropicContentBlock,
  AnthropicRequest,
  AnthropicResponse,
  AnthropicStopReason,
  AnthropicToolChoice,
} from './anthropic-wire.types';

const STOP_REASONS: Record<SimulatedResult['finishReason'], AnthropicStopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

function blockText(block: AnthropicContentBlock): string {
  if (block.type === 'text') return block.text;
  if (block.type === 'tool_result')
    return typeof block.content === 'string' ? block.content : block.content.map((b) => b.text).join('');
  return '';
}

function fromToolChoice(choice: AnthropicToolChoice | undefined): ToolChoice | undefined {
  if (!choice) return undefined;
  if (choice.type === 'tool') return { type: 'function', function: { name: choice.name } };
  return choice.type === 'any' ? 'required' : choice.type;
}

/** The Messages request as the simulated model's input: text, tool calls and tool results. */
export function chatBodyOf(request: AnthropicRequest): ChatRequestBody {
  const messages: ChatMessage[] = request.system ? [{ role: 'system', content: request.system }] : [];
  for (const turn of request.messages) {
    const blocks: AnthropicContentBlock[] =
      typeof turn.content === 'string' ? [{ type: 'text', text: turn.content }] : turn.content;
    for (const block of blocks.filter((b) => b.type === 'tool_result')) {
      messages.push({
        role: 'tool',
        tool_call_id: block.type === 'tool_result' ? block.tool_use_id : '',
        content: blockText(block),
      });
    }
    const text = blocks
      .filter((b) => b.type !== 'tool_result')
      .map(blockText)
      .join('');
    const calls = blocks.flatMap((b) =>
      b.type === 'tool_use'
        ? [{ id: b.id, type: 'function' as const, function: { name: b.name, arguments: JSON.stringify(b.input) } }]
        : [],
    );
    if (text !== '' || calls.length > 0)
      messages.push({ role: turn.role, content: text, ...(calls.length > 0 ? { tool_calls: calls } : {}) });
  }
  const tools = request.tools?.map((t) => ({
    type: 'function' as const,
    function: { name: t.name, description: t.description, parameters: t.input_schema },
  }));
  const choice = fromToolChoice(request.tool_choice);
  return {
    model: request.model,
    messages,
    max_tokens: request.max_tokens,
    stop: request.stop_sequences,
    ...(tools ? { tools } : {}),
    ...(choice ? { tool_choice: choice } : {}),
  };
}

export function toAnthropicMessage(result: SimulatedResult): AnthropicResponse {
  const content: AnthropicResponse['content'] = result.content ? [{ type: 'text', text: result.content }] : [];
  for (const call of result.toolCalls)
    content.push({
      type: 'tool_use',
      id: call.id.replace(/^call_/, 'toolu_'),
      name: call.function.name,
      input: JSON.parse(call.function.arguments),
    });
  return {
    id: result.id.replace(/^chatcmpl-/, 'msg_'),
    type: 'message',
    role: 'assistant',
    model: result.model,
    content,
    stop_reason: STOP_REASONS[result.finishReason],
    stop_sequence: null,
    usage: {
      input_tokens: result.usage.prompt_tokens,
      output_tokens: result.usage.completion_tokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}

const sse = (type: string, data: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

export const ANTHROPIC_OVERLOADED_EVENT = sse('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The event sequence Anthropic sends for this message, text and tool input in pieces of `chunkChars`. */
export function toAnthropicEvents(message: AnthropicResponse, chunkChars: number): string[] {
  const events = [
    sse('message_start', {
      message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } },
    }),
    sse('ping', {}),
  ];
  message.content.forEach((block, index) => {
    if (block.type === 'text' && 'text' in block) {
      events.push(sse('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      for (const text of pieces(block.text, chunkChars))
        events.push(sse('content_block_delta', { index, delta: { type: 'text_delta', text } }));
    } else if (block.type === 'tool_use' && 'input' in block) {
      events.push(
        sse('content_block_start', {
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        }),
      );
      for (const partial_json of pieces(JSON.stringify(block.input), chunkChars))
        events.push(sse('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }));
    }
    events.push(sse('content_block_stop', { index }));
  });
  events.push(
    sse('message_delta', {
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { output_tokens: message.usage.output_tokens },
    }),
  );
  events.push(sse('message_stop', {}));
  return events;
}
