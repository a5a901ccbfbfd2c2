import type { ChatCompletionChunk, FinishReason } from '@switchyard/contracts';
import type { SseEvent } from '../http/sse-decoder.util';
import { sseEvents } from '../http/sse-events.util';
import { UpstreamError } from '../upstream.error';
import type { AnthropicStopReason, AnthropicUsage } from './anthropic-wire.types';
import { toFinishReason, toWireUsage } from './from-anthropic-response.util';

type Delta = ChatCompletionChunk['choices'][number]['delta'];

interface StreamEvent {
  type?: string;
  index?: number;
  message?: { id?: string; model?: string; usage?: AnthropicUsage };
  content_block?: { type?: string; id?: string; name?: string; data?: string };
  delta?: {
    type?: string;
    text?: string;
    partial_json?: string;
    thinking?: string;
    signature?: string;
    stop_reason?: AnthropicStopReason | null;
  };
  usage?: Partial<AnthropicUsage>;
  error?: { type?: string; message?: string };
}

function malformed(provider: string, detail: string, cause?: unknown): UpstreamError {
  return new UpstreamError('upstream_error', 'The upstream provider sent a malformed stream.', {
    provider,
    retriable: true,
    detail: detail.slice(0, 500),
    cause,
  });
}

function parseEvent(event: SseEvent, provider: string): StreamEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch (err) {
    throw malformed(provider, event.data, err);
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as StreamEvent).type !== 'string')
    throw malformed(provider, event.data);
  return parsed as StreamEvent;
}

/**
 * Translates a Messages API event stream into chat.completion.chunks as events arrive:
 * message_start → the role chunk; text and tool-input deltas → content and tool_calls deltas
 * (a tool_use block opens a tool call with its id and name); message_delta → the finish_reason
 * chunk; message_stop → a usage chunk (input from message_start, output from message_delta,
 * cache tokens included), then the end. `ping` is skipped; an `error` event, a body that ends
 * before message_stop, or unreadable JSON fail with a retriable UpstreamError.
 */
export async function* parseAnthropicStream(
  body: AsyncIterable<Uint8Array | string>,
  provider: string,
): AsyncGenerator<ChatCompletionChunk> {
  let id = '';
  let model = '';
  const created = Math.floor(Date.now() / 1000);
  let usage: AnthropicUsage = { input_tokens: 0, output_tokens: 0 };
  const toolIndexOfBlock = new Map<number, number>();
  const chunk = (delta: Delta, finish: FinishReason | null = null): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });

  for await (const sse of sseEvents(body)) {
    const event = parseEvent(sse, provider);
    switch (event.type) {
      case 'message_start':
        id = event.message?.id ?? '';
        model = event.message?.model ?? '';
        usage = { ...usage, ...event.message?.usage };
        yield chunk({ role: 'assistant', content: '' });
        break;
      case 'content_block_start':
        if (event.content_block?.type === 'tool_use') {
          const toolIndex = toolIndexOfBlock.size;
          toolIndexOfBlock.set(event.index ?? 0, toolIndex);
          const { id: callId, name } = event.content_block;
          yield chunk({
            tool_calls: [{ index: toolIndex, id: callId, type: 'function', function: { name, arguments: '' } }],
          });
        } else if (event.content_block?.type === 'redacted_thinking')
          yield chunk({ redacted_thinking: event.content_block.data ?? '' });
        break;
      case 'content_block_delta':
        if (event.delta?.type === 'text_delta' && event.delta.text) yield chunk({ content: event.delta.text });
        else if (event.delta?.type === 'input_json_delta' && event.delta.partial_json) {
          const toolIndex = toolIndexOfBlock.get(event.index ?? 0) ?? 0;
          yield chunk({ tool_calls: [{ index: toolIndex, function: { arguments: event.delta.partial_json } }] });
        } else if (event.delta?.type === 'thinking_delta' && event.delta.thinking)
          yield chunk({ thinking: event.delta.thinking });
        else if (event.delta?.type === 'signature_delta' && event.delta.signature)
          yield chunk({ thinking_signature: event.delta.signature });
        break;
      case 'message_delta':
        usage = {
          ...usage,
          ...Object.fromEntries(Object.entries(event.usage ?? {}).filter(([, v]) => v !== null && v !== undefined)),
        };
        yield chunk({}, toFinishReason(event.delta?.stop_reason));
        break;
      case 'message_stop':
        yield { id, object: 'chat.completion.chunk', created, model, choices: [], usage: toWireUsage(usage) };
        return;
      case 'error':
        throw new UpstreamError('upstream_error', 'The upstream provider failed during the stream.', {
          provider,
          retriable: true,
          detail: sse.data.slice(0, 2000),
        });
      default:
        // ping, content_block_stop, and event types added later carry nothing to relay.
        break;
    }
  }
  throw new UpstreamError('upstream_error', 'The upstream stream ended before it was complete.', {
    provider,
    retriable: true,
    detail: 'no message_stop',
  });
}
