import type { ChatMessage, ToolDefinition } from '@switchyard/contracts';
import { type ImageUrl, type PromptImage, promptImage } from './image-tokens.util';
import { PreTokenWalk, type PreTokenVisitor } from './o200k-pre-tokens.util';
import { preTokenTokens } from './text-tokens.util';
import { TimeSlice } from './time-slice.util';

/**
 * OpenAI's published counting convention for chat prompts
 * (openai-cookbook, "How to count tokens with tiktoken"): every message costs its fields'
 * tokens plus a fixed frame, a `name` one more token, and the reply is primed with 3 tokens.
 */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const REPLY_PRIMING_TOKENS = 3;
/** The frame OpenAI adds around each tool call on an assistant message. */
export const TOKENS_PER_TOOL_CALL = 3;

/** Each role name is one token in o200k_base; looked up rather than re-encoded per message. */
const ROLE_TOKENS: Readonly<Record<string, number>> = { system: 1, developer: 1, user: 1, assistant: 1, tool: 1 };

/** A prompt counted: its text (frames and tool definitions included), and its images, priced per model. */
export interface ChatPromptCount {
  /** Above the `stopAbove` it was counted with when counting stopped there (then below the full count). */
  textTokens: number;
  images: readonly PromptImage[];
}

/** What a prompt is made of, in order: a fixed number of tokens, a text to count, or an image. */
type PromptPiece = number | string | ImageUrl;

function* promptPieces(messages: readonly ChatMessage[], tools?: readonly ToolDefinition[]): Generator<PromptPiece> {
  yield REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    yield TOKENS_PER_MESSAGE;
    yield ROLE_TOKENS[message.role] ?? message.role;
    const { content } = message;
    if (typeof content === 'string') yield content;
    else for (const part of content ?? []) yield part.type === 'text' ? part.text : part.image_url;
    if (message.name) {
      yield TOKENS_PER_NAME;
      yield message.name;
    }
    if (message.tool_call_id) yield message.tool_call_id;
    for (const call of message.tool_calls ?? []) {
      yield TOKENS_PER_TOOL_CALL;
      yield call.function.name;
      yield call.function.arguments;
    }
  }
  // An approximation of how providers inject tool definitions: their JSON.
  if (tools && tools.length > 0) yield JSON.stringify(tools);
}

/**
 * Counts one chat prompt in as many time slices as it takes: `advance` stops when its slice is
 * over, and the next call goes on exactly where it stopped, so the count does not depend on
 * where the slices ended. Text counting stops once it passes `stopAbove`.
 */
export class ChatPromptCounter {
  private readonly pieces: Iterator<PromptPiece>;
  private readonly visit: PreTokenVisitor;
  private walk: PreTokenWalk | undefined;
  private textTokens = 0;
  private readonly images: PromptImage[] = [];

  constructor(
    messages: readonly ChatMessage[],
    tools: readonly ToolDefinition[] | undefined,
    private readonly stopAbove: number,
  ) {
    this.pieces = promptPieces(messages, tools);
    this.visit = (piece, encodable) => {
      this.textTokens += preTokenTokens(piece, encodable);
      return this.textTokens > this.stopAbove;
    };
  }

  /** Counts until the prompt is counted (true) or `slice` is over (false: call again to go on). */
  advance(slice: TimeSlice = TimeSlice.UNBOUNDED): boolean {
    for (;;) {
      if (this.walk) {
        if (!this.walk.advance(this.visit, slice)) return false;
        this.walk = undefined;
      }
      if (this.textTokens > this.stopAbove) return true;
      const next = this.pieces.next();
      if (next.done) return true;
      const piece = next.value;
      if (typeof piece === 'number') this.textTokens += piece;
      else if (typeof piece === 'string') this.walk = new PreTokenWalk(piece);
      else this.images.push(promptImage(piece));
      // A piece costs at least its own bookkeeping: a prompt of many tiny messages still yields.
      if (slice.spend(1)) return false;
    }
  }

  get count(): ChatPromptCount {
    return { textTokens: this.textTokens, images: this.images };
  }
}
