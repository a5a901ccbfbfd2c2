import { countTextTokens } from '@switchyard/tokenizer';
import { digestOf, randomFromDigest } from './deterministic-random.util';
import { wireError, type WireErrorBody } from './simulated-request.util';

/** What the simulator answers when a request names no `dimensions` (text-embedding-3-small's size). */
export const SIMULATED_DEFAULT_DIMENSIONS = 1536;
const MAX_SIMULATED_DIMENSIONS = 16_384;

type Input = string | readonly number[];

/**
 * The simulated model's vector for one input: unit length, a function of the model and the input
 * only (the same text always gets the same vector; similar texts need not be similar). Its values
 * come from one seeded stream, so a shorter vector is the longer one cut and renormalised, which
 * is what OpenAI's `dimensions` promises.
 */
export function simulatedEmbedding(model: string, input: Input, dimensions: number): number[] {
  const random = randomFromDigest(digestOf([model, input]));
  const values = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const length = Math.hypot(...values) || 1;
  return values.map((value) => value / length);
}

export interface SimulatedEmbeddingsBody {
  model: string;
  inputs: Input[];
  dimensions: number;
}

/** What the simulator needs from a request, refused the way OpenAI refuses it (a 400 naming the parameter). */
export function parseEmbeddingsRequest(raw: string): { body: SimulatedEmbeddingsBody } | { error: WireErrorBody } {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { error: wireError('We could not parse the JSON body of your request.') };
  }
  if (typeof parsed !== 'object' || parsed === null) return { error: wireError('The body must be a JSON object.') };
  if (typeof parsed.model !== 'string' || parsed.model === '')
    return { error: wireError('You must provide a model parameter.', 'model') };
  const input = parsed.input;
  const inputs = typeof input === 'string' || (Array.isArray(input) && typeof input[0] === 'number') ? [input] : input;
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every(isInput))
    return { error: wireError("'input' must be a non-empty string, array of strings or of token arrays.", 'input') };
  const dimensions = parsed.dimensions ?? SIMULATED_DEFAULT_DIMENSIONS;
  if (
    !Number.isSafeInteger(dimensions) ||
    (dimensions as number) < 1 ||
    (dimensions as number) > MAX_SIMULATED_DIMENSIONS
  )
    return { error: wireError('dimensions must be a whole number from 1 to 16384.', 'dimensions') };
  return { body: { model: parsed.model, inputs: inputs as Input[], dimensions: dimensions as number } };
}

function isInput(value: unknown): value is Input {
  return (
    (typeof value === 'string' && value !== '') ||
    (Array.isArray(value) && value.length > 0 && value.every((id) => Number.isInteger(id)))
  );
}

/** The OpenAI wire answer (floats), with o200k_base token counts. */
export function simulateEmbeddings(body: SimulatedEmbeddingsBody): unknown {
  const promptTokens = body.inputs.reduce<number>(
    (sum, input) => sum + (typeof input === 'string' ? countTextTokens(input) : input.length),
    0,
  );
  return {
    object: 'list',
    data: body.inputs.map((input, index) => ({
      object: 'embedding',
      index,
      embedding: simulatedEmbedding(body.model, input, body.dimensions),
    })),
    model: body.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
