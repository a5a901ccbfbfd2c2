import type { ChatCompletion, ChatCompletionChunk, ToolCallDelta } from '@switchyard/contracts';
import type { SimulatedResult } from './simulated.types';

/** Roughly how many characters one token covers, for slicing tool arguments into pieces. */
const CHARS_PER_TOKEN = 4;

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function toCompletion(result: SimulatedResult, created = nowSeconds()): ChatCompletion {
  const message: ChatCompletion['choices'][number]['message'] = {
    role: 'assistant',
    content: result.content,
    refusal: null,
  };
  if (result.toolCalls.length > 0) message.tool_calls = result.toolCalls;
  return {
    id: result.id,
    object: 'chat.completion',
    created,
    model: result.model,
    choices: [{ index: 0, message, finish_reason: result.finishReason, logprobs: null }],
    usage: { ...result.usage },
  };
}

/** Splits text into pieces of about `tokensPerPiece` words, each keeping its leading whitespace. */
function textPieces(text: string, tokensPerPiece: number): string[] {
  const words = text.match(/\s*\S+\s*$|\s*\S+/g) ?? [];
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += tokensPerPiece) pieces.push(words.slice(i, i + tokensPerPiece).join(''));
  return pieces.length > 0 ? pieces : [text];
}

function argumentPieces(args: string, tokensPerPiece: number): string[] {
  const size = Math.max(1, tokensPerPiece * CHARS_PER_TOKEN);
  const pieces: string[] = [];
  for (let i = 0; i < args.length; i += size) pieces.push(args.slice(i, i + size));
  return pieces;
}

/**
 * The streaming form of a result, as OpenAI sends it: the first delta carries the role, tool
 * calls arrive as an opening piece (index, id, name) followed by argument fragments, and the
 * last chunk has an empty delta and the finish_reason. The usage chunk is separate
 * (`toUsageChunk`) because it is sent only when the client asked for it.
 */
export function toChunks(result: SimulatedResult, chunkTokens: number, created = nowSeconds()): ChatCompletionChunk[] {
  const tokensPerPiece = Math.max(1, Math.floor(chunkTokens));
  const chunk = (
    delta: ChatCompletionChunk['choices'][number]['delta'],
    finish: ChatCompletionChunk['choices'][number]['finish_reason'] = null,
  ): ChatCompletionChunk => ({
    id: result.id,
    object: 'chat.completion.chunk',
    created,
    model: result.model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const chunks: ChatCompletionChunk[] = [];
  if (result.toolCalls.length > 0) {
    result.toolCalls.forEach((call, index) => {
      const opening: ToolCallDelta = {
        index,
        id: call.id,
        type: 'function',
        function: { name: call.function.name, arguments: '' },
      };
      chunks.push(
        chunk(index === 0 ? { role: 'assistant', content: null, tool_calls: [opening] } : { tool_calls: [opening] }),
      );
      for (const piece of argumentPieces(call.function.arguments, tokensPerPiece)) {
        chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
      }
    });
  } else {
    chunks.push(chunk({ role: 'assistant', content: '' }));
    if (result.content)
      for (const piece of textPieces(result.content, tokensPerPiece)) chunks.push(chunk({ content: piece }));
  }
  chunks.push(chunk({}, result.finishReason));
  return chunks;
}

/** The final chunk of a stream with `stream_options.include_usage`: no choices, only usage. */
export function toUsageChunk(result: SimulatedResult, created = nowSeconds()): ChatCompletionChunk {
  return {
    id: result.id,
    object: 'chat.completion.chunk',
    created,
    model: result.model,
    choices: [],
    usage: { ...result.usage },
  };
}
