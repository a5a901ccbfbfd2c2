import { type Catalog, type CatalogModel, DEFAULT_IMAGE_TOKEN_RULES } from '@switchyard/contracts';
import { ratesFor } from './rates-for.util';

const tierRates: Catalog['tierRates'] = {
  core: { inputPer1kMicro: 1_000_000n, outputPer1kMicro: 0n, cachedInputPer1kMicro: 0n },
  pro: { inputPer1kMicro: 3_000_000n, outputPer1kMicro: 500_000n, cachedInputPer1kMicro: 250_000n },
  ultra: { inputPer1kMicro: 8_000_000n, outputPer1kMicro: 0n, cachedInputPer1kMicro: 0n },
};
const catalog: Catalog = { providers: new Map(), models: new Map(), tasks: new Map(), tierRates };

function model(tier: CatalogModel['tier'], pricing?: CatalogModel['pricing']): CatalogModel {
  return {
    alias: 'm',
    provider: 'openai',
    upstreamModel: 'm',
    tier,
    capabilities: [],
    contextWindow: 8192,
    maxOutputTokens: 1024,
    imageTokens: DEFAULT_IMAGE_TOKEN_RULES.openai,
    ...(pricing ? { pricing } : {}),
  };
}

describe(ratesFor.name, () => {
  it("uses the model's tier rates when it has no override", () => {
    expect(ratesFor(catalog, model('pro'))).toEqual(tierRates.pro);
  });

  it('replaces only the rates the model overrides', () => {
    expect(ratesFor(catalog, model('ultra', { inputPer1kMicro: 6_500_000n, outputPer1kMicro: 1_500n }))).toEqual({
      inputPer1kMicro: 6_500_000n,
      outputPer1kMicro: 1_500n,
      cachedInputPer1kMicro: 0n,
    });
    expect(ratesFor(catalog, model('core', { cachedInputPer1kMicro: 0n, inputPer1kMicro: 0n }))).toEqual({
      inputPer1kMicro: 0n,
      outputPer1kMicro: 0n,
      cachedInputPer1kMicro: 0n,
    });
  });
});
