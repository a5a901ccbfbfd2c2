import { formatCredits, parseCredits, type TokenRates, type TokenUsage } from '@switchyard/contracts';
import { costMicro, maxCostMicro } from './token-cost.util';

function rates(input: string, output = '0', cachedInput = '0'): TokenRates {
  return {
    inputPer1kMicro: parseCredits(input),
    outputPer1kMicro: parseCredits(output),
    cachedInputPer1kMicro: parseCredits(cachedInput),
  };
}

function usage(promptTokens: number, completionTokens = 0, cachedReadTokens = 0, cacheCreationTokens = 0): TokenUsage {
  return { promptTokens, completionTokens, cachedReadTokens, cacheCreationTokens };
}

const core = rates('1');
const pro = rates('3');
const ultra = rates('8');

describe(costMicro.name, () => {
  it('prices the seed example: 28 prompt tokens on core cost 0.028 credits', () => {
    const cost = costMicro(usage(28, 12), core);
    expect(cost).toBe(28_000n);
    expect(formatCredits(cost)).toBe('0.028000');
  });

  it.each([
    ['core', core, 1_000, 1_000_000n],
    ['pro', pro, 1_000, 3_000_000n],
    ['ultra', ultra, 1_000, 8_000_000n],
    ['ultra', ultra, 1, 8_000n],
    ['pro', pro, 0, 0n],
  ])('charges %s input at the seed price (%d tokens → %d micro)', (_tier, tierRates, tokens, expected) => {
    expect(costMicro(usage(tokens, 500), tierRates)).toBe(expected);
  });

  it('rounds each token kind up to a whole micro-credit on its own', () => {
    // 0.0015 credits per 1K = 1.5 micro per token.
    const fractional = rates('0.0015', '0.0015', '0.0015');
    expect(costMicro(usage(1), fractional)).toBe(2n); // 1.5 → 2
    expect(costMicro(usage(2), fractional)).toBe(3n); // exactly 3
    expect(costMicro(usage(3), fractional)).toBe(5n); // 4.5 → 5
    // 1 uncached (1.5 → 2) + 2 cached (3) + 1 output (1.5 → 2): 7, not ceil(6) = 6.
    expect(costMicro(usage(3, 1, 2), fractional)).toBe(7n);
    // 0.000001 credits per 1K: a thousandth of a micro per token, still a whole micro.
    expect(costMicro(usage(1), rates('0.000001'))).toBe(1n);
    expect(costMicro(usage(1001), rates('0.000001'))).toBe(2n);
  });

  it('bills cached reads at the cached-input rate and the rest of the prompt at the input rate', () => {
    const priced = rates('3', '12', '0.3');
    // 600 uncached × 3000/1000 = 1_800_000; 400 cached × 300/1000 = 120_000; 50 out × 12000/1000 = 600_000.
    expect(costMicro(usage(1000, 50, 400), priced)).toBe(2_520_000n);
  });

  it('bills cache-creation tokens as ordinary input, since they are part of the prompt count', () => {
    const priced = rates('3', '0', '0.3');
    expect(costMicro(usage(1000, 0, 0, 800), priced)).toBe(costMicro(usage(1000), priced));
  });

  it('never bills a negative uncached input when a provider reports more cache reads than prompt tokens', () => {
    expect(costMicro(usage(10, 0, 20), rates('1', '0', '0.5'))).toBe(10_000n);
  });

  it('refuses token counts that are not whole non-negative numbers', () => {
    expect(() => costMicro(usage(1.5), core)).toThrow(RangeError);
    expect(() => costMicro(usage(10, -1), core)).toThrow('completionTokens must be a whole number ≥ 0, got -1');
  });
});

describe(maxCostMicro.name, () => {
  it('covers every prompt token at the input rate plus the whole output budget', () => {
    expect(maxCostMicro(28, 4096, core)).toBe(28_000n);
    expect(maxCostMicro(1000, 4096, rates('3', '12', '0.3'))).toBe(3_000_000n + 49_152_000n);
    expect(maxCostMicro(1, 1, rates('0.0015', '0.0015'))).toBe(4n);
  });

  it('is never below the cost of any usage within the budget', () => {
    const priced = rates('3', '12', '0.3');
    const hold = maxCostMicro(1000, 200, priced);
    for (const actual of [usage(1000, 200), usage(1000, 200, 1000), usage(1000, 0, 500, 500)]) {
      expect(costMicro(actual, priced)).toBeLessThanOrEqual(hold);
    }
  });

  it('uses the cached-input rate when an operator priced it above input', () => {
    expect(maxCostMicro(1000, 0, rates('1', '0', '2'))).toBe(2_000_000n);
  });
});
