import { type ChatCompletionChunk, type FinishReason, toAnthropicError } from '@switchyard/contracts';
import type { StreamEncoder } from '../door';
import { type PipelineContext, required } from '../../pipeline-context';
import { messageIdOf, messagesUsageOf, stopReasonOf } from './messages-usage.encoder';

const event = (type: string, data: Record<string, unknown>) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

/** One stream's progress: the open content block (its kind, and for a tool call its index), and the finish. */
type BlockKind = 'text' | 'thinking' | 'redacted' | 'tool';

interface StreamState {
  open: { index: number; kind: BlockKind; toolIndex: number | null } | null;
  blocks: number;
  finish: FinishReason | null;
}

const states = new WeakMap<PipelineContext, StreamState>();

function stateOf(ctx: PipelineContext): StreamState {
  let state = states.get(ctx);
  if (!state) {
    state = { open: null, blocks: 0, finish: null };
    states.set(ctx, state);
  }
  return state;
}

function close(state: StreamState): string {
  if (!state.open) return '';
  const stop = event('content_block_stop', { index: state.open.index });
  state.open = null;
  return stop;
}

function open(state: StreamState, kind: BlockKind, block: Record<string, unknown>, toolIndex: number | null = null) {
  const stop = close(state);
  state.open = { index: state.blocks++, kind, toolIndex };
  return stop + event('content_block_start', { index: state.open.index, content_block: block });
}

type Delta = ChatCompletionChunk['choices'][number]['delta'];

/** A delta to the open block of `kind`, opening one (`block`) when another kind is open. */
function deltaEvents(state: StreamState, kind: BlockKind, block: Record<string, unknown>, delta: object): string {
  const start = state.open?.kind === kind ? '' : open(state, kind, block);
  return start + event('content_block_delta', { index: state.open!.index, delta });
}

const THINKING_BLOCK = { type: 'thinking', thinking: '', signature: '' };

function thinkingEvents(state: StreamState, delta: Delta): string {
  let out = '';
  if (delta.redacted_thinking !== undefined)
    out += open(state, 'redacted', { type: 'redacted_thinking', data: delta.redacted_thinking });
  if (delta.thinking)
    out += deltaEvents(state, 'thinking', THINKING_BLOCK, { type: 'thinking_delta', thinking: delta.thinking });
  if (delta.thinking_signature)
    out += deltaEvents(state, 'thinking', THINKING_BLOCK, {
      type: 'signature_delta',
      signature: delta.thinking_signature,
    });
  return out;
}

function toolEvents(state: StreamState, calls: NonNullable<Delta['tool_calls']>): string {
  let out = '';
  for (const call of calls) {
    if (call.id !== undefined || state.open?.toolIndex !== call.index) {
      const block = { type: 'tool_use', id: call.id ?? '', name: call.function?.name ?? '', input: {} };
      out += open(state, 'tool', block, call.index);
    }
    const partial = call.function?.arguments;
    if (partial)
      out += event('content_block_delta', {
        index: state.open!.index,
        delta: { type: 'input_json_delta', partial_json: partial },
      });
  }
  return out;
}

/**
 * The Messages API's typed events, each with its `event:` line: message_start (with the counted
 * input, before the upstream reports usage), ping, content blocks opened, filled (text_delta,
 * input_json_delta, thinking_delta and signature_delta) and stopped as the chunks come, then message_delta (stop_reason, usage and
 * credits) and message_stop. A failure after the first byte is an `error` event.
 */
export const messagesStreamEncoder: StreamEncoder = {
  start(ctx) {
    stateOf(ctx);
    const served = required(ctx.served, 'served');
    const message = {
      id: messageIdOf(ctx),
      type: 'message',
      role: 'assistant',
      model: served.model.alias,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: served.promptTokens, output_tokens: 0 },
    };
    return event('message_start', { message }) + event('ping', {});
  },

  chunk(ctx, chunk) {
    const choice = chunk.choices[0];
    if (!choice) return null;
    const state = stateOf(ctx);
    let out = '';
    const { delta } = choice;
    if (delta.thinking || delta.thinking_signature || delta.redacted_thinking !== undefined)
      out += thinkingEvents(state, delta);
    if (delta.content)
      out += deltaEvents(state, 'text', { type: 'text', text: '' }, { type: 'text_delta', text: delta.content });
    if (choice.delta.tool_calls) out += toolEvents(state, choice.delta.tool_calls);
    if (choice.finish_reason) state.finish = choice.finish_reason;
    return out === '' ? null : out;
  },

  end(ctx) {
    const state = stateOf(ctx);
    const costMicro = ctx.costMicro ?? null;
    const usage = required(ctx.usage, 'usage');
    const delta = { stop_reason: stopReasonOf(state.finish), stop_sequence: null };
    const wire =
      costMicro === null ? { ...messagesUsageOf(usage, 0n), credits: undefined } : messagesUsageOf(usage, costMicro);
    return close(state) + event('message_delta', { delta, usage: wire }) + event('message_stop', {});
  },

  error(ctx, err) {
    const { error } = toAnthropicError(err, ctx.http.requestId).body;
    return event('error', { error });
  },
};
