import type { ChatCompletionChunk } from '@switchyard/contracts';

const RAW_JSON = Symbol('rawJson');

/**
 * Keeps the upstream's own JSON text of a parsed chunk on it (non-enumerable, so it is invisible
 * to JSON.stringify, spreads and deep equality), so a door can relay the event by splicing its id
 * and model (spliceChunkJson) instead of serialising the object again.
 */
export function keepRawJson(chunk: ChatCompletionChunk, json: string): ChatCompletionChunk {
  Object.defineProperty(chunk, RAW_JSON, { value: json, enumerable: false });
  return chunk;
}

/** The upstream JSON text `chunk` was parsed from, when an OpenAI-style provider parsed it. */
export function rawJsonOf(chunk: ChatCompletionChunk): string | undefined {
  return (chunk as { [RAW_JSON]?: string })[RAW_JSON];
}

const ID_HEAD = '{"id":"';
const MODEL_KEY = ',"model":"';
/** How OpenAI ends every chunk but the last when include_usage is on. */
const NULL_USAGE_TAIL = ',"usage":null}';

/**
 * The chunk's JSON with its top-level `id` and `model` replaced by `id` and `model` and without its
 * `usage` (which the gateway reports itself), as a splice
 * of the upstream's text; null when the text is not in the shape this relies on (an `id` first,
 * a `model` before any nested object or array, both without escapes, no usage or a null one
 * last), so the caller serialises
 * the object instead. The values are checked against the parsed chunk, so a splice never lands
 * inside another field.
 */
export function spliceChunkJson(chunk: ChatCompletionChunk, idJson: string, modelJson: string): string | null {
  const raw = rawJsonOf(chunk);
  if (raw === undefined || !raw.startsWith(ID_HEAD)) return null;
  let end = raw.length - 1;
  if ('usage' in chunk) {
    if (chunk.usage !== null || !raw.endsWith(NULL_USAGE_TAIL)) return null;
    end = raw.length - NULL_USAGE_TAIL.length;
  }
  const idEnd = raw.indexOf('"', ID_HEAD.length);
  if (idEnd === -1 || raw.slice(ID_HEAD.length, idEnd) !== chunk.id) return null;
  const at = raw.indexOf(MODEL_KEY, idEnd);
  // A `{` or `[` before the key would mean it may be nested: only a top-level model is spliced.
  if (at === -1 || raw.lastIndexOf('{', at) !== 0 || raw.lastIndexOf('[', at) !== -1) return null;
  const valueAt = at + MODEL_KEY.length;
  const modelEnd = raw.indexOf('"', valueAt);
  if (modelEnd === -1 || raw.slice(valueAt, modelEnd) !== chunk.model) return null;
  return `{"id":${idJson}${raw.slice(idEnd + 1, at)},"model":${modelJson}${raw.slice(modelEnd + 1, end)}}`;
}
