import type { ChatRequestBody } from '@switchyard/contracts';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

export interface WireErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function wireError(
  message: string,
  param: string | null = null,
  type = 'invalid_request_error',
  code: string | null = null,
): WireErrorBody {
  return { error: { message, type, param, code } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks what the simulator needs to answer, the way OpenAI rejects a request: a 400 naming
 * the parameter. `max_completion_tokens` (the newer name) is folded into `max_tokens`.
 */
export function parseChatRequest(raw: string): { body: ChatRequestBody } | { error: WireErrorBody } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { error: wireError('We could not parse the JSON body of your request.') };
  }
  if (!isObject(parsed)) return { error: wireError('The request body must be a JSON object.') };
  if (typeof parsed['model'] !== 'string' || parsed['model'] === '')
    return { error: wireError('You must provide a model parameter.', 'model') };
  const messages = parsed['messages'];
  if (!Array.isArray(messages) || messages.length === 0)
    return { error: wireError("Missing required parameter: 'messages'.", 'messages') };
  const badIndex = messages.findIndex((m) => !isObject(m) || typeof m['role'] !== 'string' || !ROLES.has(m['role']));
  if (badIndex !== -1)
    return { error: wireError(`Invalid value for 'messages[${badIndex}].role'.`, `messages[${badIndex}].role`) };
  const maxTokens = parsed['max_completion_tokens'] ?? parsed['max_tokens'];
  if (maxTokens !== undefined && maxTokens !== null && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1)) {
    return { error: wireError('max_tokens must be an integer of at least 1.', 'max_tokens') };
  }
  const tools = parsed['tools'];
  if (
    tools !== undefined &&
    (!Array.isArray(tools) ||
      tools.some((t) => !isObject(t) || !isObject(t['function']) || typeof t['function']['name'] !== 'string'))
  ) {
    return { error: wireError('Each tool must be a function with a name.', 'tools') };
  }
  const body = { ...parsed, max_tokens: maxTokens ?? undefined } as unknown as ChatRequestBody;
  return { body };
}
