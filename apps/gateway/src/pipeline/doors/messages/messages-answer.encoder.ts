import type { ChatCompletion } from '@switchyard/contracts';
import type { AnswerEncoder } from '../door';
import { type PipelineContext, required } from '../../pipeline-context';
import { messageIdOf, messagesUsageOf, stopReasonOf } from './messages-usage.encoder';

type ChatAnswerMessage = ChatCompletion['choices'][number]['message'];

/** A tool call's arguments as the object Anthropic's tool_use input is (an unparsable one as its text). */
export function toolInputOf(args: string): unknown {
  try {
    return JSON.parse(args === '' ? '{}' : args);
  } catch {
    return { arguments: args };
  }
}

/**
 * The answer's content blocks: a Claude upstream's thinking (passthrough), its text (when there is
 * any, or nothing else), then its tool calls.
 */
export function contentBlocksOf(message: ChatAnswerMessage) {
  const text = message.content ?? '';
  const calls = message.tool_calls ?? [];
  const blocks: Array<Record<string, unknown>> = [...(message.thinking ?? [])];
  if (text !== '' || calls.length === 0) blocks.push({ type: 'text', text });
  for (const call of calls)
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: toolInputOf(call.function.arguments),
    });
  return blocks;
}

/** A Messages API `message`: our id, the serving alias as `model`, and usage with its cost in credits. */
export const messagesAnswerEncoder: AnswerEncoder = {
  encode(ctx: PipelineContext) {
    const choice = required(ctx.completion, 'completion').choices[0];
    return {
      id: messageIdOf(ctx),
      type: 'message',
      role: 'assistant',
      model: required(ctx.served, 'served').model.alias,
      content: choice ? contentBlocksOf(choice.message) : [],
      stop_reason: stopReasonOf(choice?.finish_reason),
      stop_sequence: null,
      usage: messagesUsageOf(required(ctx.usage, 'usage'), required(ctx.costMicro, 'costMicro') ?? 0n),
    };
  },
};
