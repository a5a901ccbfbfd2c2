import type { ChatMessage, ChatRequestBody, FinishReason, ToolCall, ToolDefinition } from '@switchyard/contracts';
import { countChatPromptTokens, countTextTokens, truncateToTokens } from '@switchyard/tokenizer';
import { digestOf, pick, randomFromDigest, type Random } from './deterministic-random.util';
import { valueForSchema } from './schema-value.util';
import { composeAnswer, composeToolFollowUp, messageText, sentence, topicOf } from './simulated-text.util';
import type { SimulatedResult } from './simulated.types';

/** The tool the request asks for, if this turn should be a tool call. */
function toolToCall(body: ChatRequestBody, random: Random): ToolDefinition | undefined {
  const tools = body.tools ?? [];
  const choice = body.tool_choice ?? 'auto';
  if (tools.length === 0 || choice === 'none') return undefined;
  if (typeof choice === 'object') {
    const named = choice.function.name;
    return tools.find((t) => t.function.name === named) ?? { type: 'function', function: { name: named } };
  }
  const last = body.messages[body.messages.length - 1];
  if (choice === 'required' || last?.role === 'user') return pick(random, tools);
  return undefined;
}

/** The name of the function whose result the last `tool` message carries. */
function calledToolName(messages: readonly ChatMessage[], toolMessage: ChatMessage): string {
  for (const message of messages) {
    const call = message.tool_calls?.find((c) => c.id === toolMessage.tool_call_id);
    if (call) return call.function.name;
  }
  return toolMessage.name ?? 'requested';
}

function textContent(body: ChatRequestBody, random: Random, topic: string): string {
  const format = body.response_format;
  if (format?.type === 'json_schema')
    return JSON.stringify(valueForSchema(format.json_schema.schema ?? { type: 'object' }, random, topic));
  if (format?.type === 'json_object')
    return JSON.stringify({ answer: sentence(random), topic, confidence: Math.round(random() * 100) / 100 });
  const last = body.messages[body.messages.length - 1];
  if (last?.role === 'tool') return composeToolFollowUp(random, calledToolName(body.messages, last), messageText(last));
  return composeAnswer(random, topic);
}

/** Applies `stop` sequences, then `max_tokens`. */
function limitText(text: string, body: ChatRequestBody): { content: string; finishReason: FinishReason } {
  let content = text;
  const stops = typeof body.stop === 'string' ? [body.stop] : (body.stop ?? []);
  for (const stop of stops) {
    const at = stop ? content.indexOf(stop) : -1;
    if (at !== -1) content = content.slice(0, at);
  }
  if (body.max_tokens !== undefined && countTextTokens(content) > body.max_tokens) {
    return { content: truncateToTokens(content, body.max_tokens), finishReason: 'length' };
  }
  return { content, finishReason: 'stop' };
}

/**
 * The built-in model: a pure function of the request (messages, model, tools, tool_choice,
 * response_format) and `seed`, with token counts from the same tokenizer the gateway uses.
 * Text turns answer in a few sentences; tool turns call one tool with arguments generated
 * from its JSON schema; JSON modes answer with JSON.
 */
export function simulateCompletion(body: ChatRequestBody): SimulatedResult {
  const digest = digestOf([
    body.model,
    body.messages,
    body.tools ?? null,
    body.tool_choice ?? null,
    body.response_format ?? null,
    body.seed ?? null,
  ]);
  const random = randomFromDigest(digest);
  const topic = topicOf(body.messages);
  const prompt_tokens = countChatPromptTokens(body.messages, body.tools);
  const base = { id: `chatcmpl-sim${digest.slice(0, 24)}`, model: body.model };

  const tool = toolToCall(body, random);
  if (tool) {
    const args = JSON.stringify(
      valueForSchema(tool.function.parameters ?? { type: 'object', properties: {} }, random, topic),
    );
    const call: ToolCall = {
      id: `call_${digest.slice(32, 56)}`,
      type: 'function',
      function: { name: tool.function.name, arguments: args },
    };
    const completion_tokens = countTextTokens(call.function.name) + countTextTokens(args);
    return {
      ...base,
      content: null,
      toolCalls: [call],
      finishReason: 'tool_calls',
      usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
    };
  }

  const { content, finishReason } = limitText(textContent(body, random, topic), body);
  const completion_tokens = countTextTokens(content);
  return {
    ...base,
    content,
    toolCalls: [],
    finishReason,
    usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
  };
}
