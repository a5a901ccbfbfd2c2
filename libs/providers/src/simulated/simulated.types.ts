import type { FinishReason, ToolCall } from '@switchyard/contracts';

/** What the simulated model produced for one request, before it is put on the wire. */
export interface SimulatedResult {
  id: string;
  model: string;
  /** The text answer; null when the answer is tool calls. */
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}
