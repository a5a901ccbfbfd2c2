import type { Catalog, EmbeddingModel } from '@switchyard/contracts';
import { embeddingCostMicro } from './embedding-cost.util';

const catalog = {
  tierRates: {
    core: { inputPer1kMicro: 1_000_000n, outputPer1kMicro: 5_000_000n, cachedInputPer1kMicro: 0n },
    pro: { inputPer1kMicro: 3_000_000n, outputPer1kMicro: 0n, cachedInputPer1kMicro: 0n },
    ultra: { inputPer1kMicro: 8_000_000n, outputPer1kMicro: 0n, cachedInputPer1kMicro: 0n },
  },
} as unknown as Catalog;
const model: EmbeddingModel = {
  kind: 'embedding',
  alias: 'embed',
  provider: 'simulated',
  upstreamModel: 'embed',
  tier: 'core',
  dimensions: 8,
  acceptsDimensions: false,
  maxInputs: 10,
  maxInputTokens: 10,
  maxTotalTokens: 100,
};

describe(embeddingCostMicro.name, () => {
  it.each([
    ['the tier input rate', model, 1234, 1_234_000n],
    ['the model’s own rate (0.02 credits per 1K)', { ...model, inputPer1kMicro: 20_000n }, 1234, 24_680n],
    ['a fraction of a micro-credit rounded up', { ...model, inputPer1kMicro: 20_000n }, 1, 20n],
    ['half a micro-credit rounded up', { ...model, inputPer1kMicro: 500n }, 1, 1n],
    ['zero tokens', model, 0, 0n],
  ])('prices the input tokens at %s, never the output rate', (_case, priced, tokens, expected) => {
    expect(embeddingCostMicro(catalog, priced, tokens)).toBe(expected);
  });
});
