import { CHAT_LIMITS, CHAT_ROLES } from '../chat-request.constants';
import { isJsonObject } from '../dto-fields.util';
import { ImageUrlContentPartDto } from '../image-url-content-part.dto';
import { TextContentPartDto } from '../text-content-part.dto';
import { nestedProblem, ValidateByProblem } from './problem-validator.util';

interface MessageShape {
  role?: unknown;
  tool_calls?: unknown;
}

const { maxContentParts } = CHAT_LIMITS;

function missingContentProblem(message: MessageShape): string | undefined {
  if (message.role !== 'assistant') return '$property is required';
  // Malformed tool_calls are reported on tool_calls itself, which says more than "content is required".
  const hasToolCalls = message.tool_calls !== undefined && message.tool_calls !== null;
  return hasToolCalls ? undefined : '$property is required unless the assistant message has tool_calls';
}

const prefixed = (problem: string | undefined): string | undefined =>
  problem === undefined ? undefined : `.${problem}`;

/** The problem of one part, as a path relative to the part (`.image_url.url must be ...`). */
function partProblem(part: unknown, role: unknown): string | undefined {
  if (part instanceof TextContentPartDto) return prefixed(nestedProblem(part));
  if (part instanceof ImageUrlContentPartDto) {
    const knownRole = (CHAT_ROLES as readonly unknown[]).includes(role);
    if (knownRole && role !== 'user') return '.type must be "text": image_url parts are only allowed in user messages';
    return prefixed(nestedProblem(part));
  }
  return isJsonObject(part) ? '.type must be one of: text, image_url' : ' must be an object';
}

/**
 * `content`: a string or 1..N text/image_url parts; required except on an assistant message
 * that carries tool_calls. Parts are validated here, not by @ValidateNested, because
 * `content` is just as often a string.
 */
export function IsMessageContent() {
  return ValidateByProblem('isMessageContent', (value, args) => {
    if (value === undefined || value === null) return missingContentProblem(args.object as MessageShape);
    if (typeof value === 'string') return undefined;
    if (!Array.isArray(value)) return '$property must be a string or an array of content parts';
    if (value.length === 0) return '$property must contain at least 1 content part';
    if (value.length > maxContentParts) return `$property must contain at most ${maxContentParts} content parts`;
    const role = (args.object as MessageShape).role;
    for (let i = 0; i < value.length; i += 1) {
      const problem = partProblem(value[i], role);
      if (problem !== undefined) return `$property[${i}]${problem}`;
    }
    return undefined;
  });
}
