import type { TokenRates, TokenUsage } from '@switchyard/contracts';

/** `ceil(tokens × ratePer1kMicro / 1000)`: a fraction of a micro-credit is charged as a whole one. */
function tokenCostMicro(tokens: number, ratePer1kMicro: bigint, what: string): bigint {
  if (!Number.isSafeInteger(tokens) || tokens < 0)
    throw new RangeError(`${what} must be a whole number ≥ 0, got ${tokens}`);
  const product = BigInt(tokens) * ratePer1kMicro;
  return (product + 999n) / 1000n;
}

/**
 * What a served request costs, in micro-credits: each token kind priced and rounded up on its
 * own, then summed (DESIGN §6).
 * - uncached input = promptTokens − cachedReadTokens (never below 0), at the input rate;
 * - cachedReadTokens at the cached-input rate;
 * - completionTokens at the output rate.
 * `promptTokens` follows OpenAI's meaning: it already includes cache reads and cache writes.
 * cacheCreationTokens therefore need no line of their own: they are part of the uncached
 * input and billed at the input rate (providers normalise Anthropic's split counts to this).
 */
export function costMicro(usage: TokenUsage, rates: TokenRates): bigint {
  const uncachedInput = Math.max(0, usage.promptTokens - usage.cachedReadTokens);
  return (
    tokenCostMicro(uncachedInput, rates.inputPer1kMicro, 'uncached prompt tokens') +
    tokenCostMicro(usage.cachedReadTokens, rates.cachedInputPer1kMicro, 'cachedReadTokens') +
    tokenCostMicro(usage.completionTokens, rates.outputPer1kMicro, 'completionTokens')
  );
}

/**
 * The most a request can cost, for the credit hold placed before calling upstream: every prompt
 * token at the full input price (no cache discount is assumed) and `maxTokens` of output.
 * Should an operator price cached input above input, that higher rate is used so the hold
 * still covers the bill.
 */
export function maxCostMicro(promptTokens: number, maxTokens: number, rates: TokenRates): bigint {
  const promptRate =
    rates.cachedInputPer1kMicro > rates.inputPer1kMicro ? rates.cachedInputPer1kMicro : rates.inputPer1kMicro;
  return (
    tokenCostMicro(promptTokens, promptRate, 'promptTokens') +
    tokenCostMicro(maxTokens, rates.outputPer1kMicro, 'maxTokens')
  );
}
