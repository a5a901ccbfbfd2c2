import {
  type Catalog,
  type EmbeddingModel,
  InvalidRequestError,
  PermissionDeniedError,
  validateEmbeddingsRequest,
} from '@switchyard/contracts';
import type { AuthenticatedKey } from '@switchyard/keys';
import { countTextTokens } from '@switchyard/tokenizer';
import { planEmbeddings } from './embeddings-plan';

// Pure: a hand-built catalog and key, requests through the real validation and tokenizer.
const embed: EmbeddingModel = {
  kind: 'embedding',
  alias: 'embed',
  provider: 'simulated',
  upstreamModel: 'embed-1',
  tier: 'core',
  inputPer1kMicro: 20_000n,
  dimensions: 64,
  acceptsDimensions: true,
  maxInputs: 4,
  maxInputTokens: 50,
  maxTotalTokens: 120,
};
const catalog = {
  models: new Map(),
  embeddingModels: new Map([['embed', embed]]),
  tierRates: { core: { inputPer1kMicro: 1_000_000n, outputPer1kMicro: 0n, cachedInputPer1kMicro: 0n } },
} as unknown as Catalog;
const key: AuthenticatedKey = {
  keyId: 'k',
  teamId: 't',
  displayPrefix: 'sy_live_x',
  allowedModels: null,
  allowedTiers: null,
  rpmLimit: null,
  tpmLimit: null,
  expiresAt: null,
};
const plan = (body: Record<string, unknown>, forKey = key) =>
  planEmbeddings(catalog, forKey, validateEmbeddingsRequest({ model: 'embed', ...body }));

describe(planEmbeddings.name, () => {
  it('counts every input and holds their exact cost at the model’s rate', () => {
    const texts = ['The quick brown fox', 'jumps over the lazy dog'];
    const tokens = texts.reduce((sum, text) => sum + countTextTokens(text), 0);
    expect(plan({ input: texts })).toEqual({
      model: embed,
      promptTokens: tokens,
      holdMicro: (BigInt(tokens) * 20_000n + 999n) / 1000n,
      dimensions: 64,
    });
  });

  it('counts token-id inputs by their length and keeps the asked dimensions', () => {
    expect(plan({ input: [[1, 2, 3], [4]], dimensions: 16 })).toMatchObject({ promptTokens: 4, dimensions: 16 });
  });

  it('refuses a batch over the model’s limits before anything is held', () => {
    expect(() => plan({ input: ['a', 'b', 'c', 'd', 'e'] })).toThrow(InvalidRequestError);
    expect(() => plan({ input: ['word '.repeat(60)] })).toThrow(/max_input_tokens/);
    expect(() => plan({ input: ['word '.repeat(45), 'word '.repeat(45), 'word '.repeat(45)] })).toThrow(
      /max_total_tokens/,
    );
  });

  it('refuses a key whose allow-list leaves the model out', () => {
    expect(() => plan({ input: 'x' }, { ...key, allowedModels: ['other'] })).toThrow(PermissionDeniedError);
  });
});
