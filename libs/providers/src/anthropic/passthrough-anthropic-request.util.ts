import type { ChatRequestBody } from '@switchyard/contracts';
import type { AnthropicPassthrough } from '../llm-provider.types';
import type { AnthropicRequest } from './anthropic-wire.types';

/** The Messages API fields a client's request is forwarded with; anything else it sent stays behind. */
const FORWARDED = [
  'system',
  'messages',
  'tools',
  'tool_choice',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'metadata',
  'thinking',
] as const;

/**
 * A client's own Messages API request, for an Anthropic upstream: its fields as sent (cache_control,
 * thinking blocks, server tools and all), with what the gateway decided: the upstream model id, the
 * capped max_tokens, and whether it streams.
 */
export function passthroughAnthropicRequest(
  body: ChatRequestBody,
  passthrough: AnthropicPassthrough,
): AnthropicRequest {
  const request: Record<string, unknown> = {};
  for (const field of FORWARDED) {
    const value = passthrough.body[field];
    if (value !== undefined && value !== null) request[field] = value;
  }
  request.model = body.model;
  request.max_tokens = body.max_tokens ?? 4096;
  if (body.stream) request.stream = true;
  return request as unknown as AnthropicRequest;
}
