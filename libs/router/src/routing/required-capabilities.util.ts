import type { Capability } from '@switchyard/contracts';

/** The few request fields that decide which models can serve it. */
export interface CapabilityRequest {
  tools?: unknown[];
  tool_choice?: unknown;
  messages: ReadonlyArray<{ content?: unknown }>;
  response_format?: { type: string };
  stream?: boolean;
}

/** The request field to name in a 400 when the chosen model lacks a capability. */
export const CAPABILITY_PARAM: Readonly<Record<Capability, string>> = {
  tools: 'tools',
  vision: 'messages',
  json_schema: 'response_format',
  streaming: 'stream',
};

/**
 * What a model must support to serve this request. Tools switched off with
 * `tool_choice: "none"` need no tool support; `json_object` is plain JSON mode, which every
 * chat model handles, so only `json_schema` (structured outputs) is a capability.
 */
export function requiredCapabilities(request: CapabilityRequest): Capability[] {
  const required: Capability[] = [];
  if (request.tools && request.tools.length > 0 && request.tool_choice !== 'none') required.push('tools');
  if (request.messages.some((message) => hasImagePart(message.content))) required.push('vision');
  if (request.response_format?.type === 'json_schema') required.push('json_schema');
  if (request.stream === true) required.push('streaming');
  return required;
}

function hasImagePart(content: unknown): boolean {
  return (
    Array.isArray(content) &&
    content.some(
      (part) => typeof part === 'object' && part !== null && (part as { type?: unknown }).type === 'image_url',
    )
  );
}
