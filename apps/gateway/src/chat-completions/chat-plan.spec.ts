import { type Catalog, type CatalogModel, InvalidRequestError, validateChatRequest } from '@switchyard/contracts';
import { maxCostMicro } from '@switchyard/pricing';
import type { AuthenticatedKey } from '@switchyard/keys';
import { countChatPromptTokens } from '@switchyard/tokenizer';
import { planChat } from './chat-plan';

// Pure: a hand-built catalog and key, requests through the real validation and tokenizer.
const rates = { inputPer1kMicro: 1_000n, outputPer1kMicro: 2_000n, cachedInputPer1kMicro: 0n };

function model(alias: string, contextWindow: number, maxOutputTokens: number, fallbacks?: string[]): CatalogModel {
  return {
    alias,
    provider: 'simulated',
    upstreamModel: alias,
    tier: 'core',
    capabilities: ['streaming'],
    contextWindow,
    maxOutputTokens,
    ...(fallbacks ? { fallbacks } : {}),
  };
}

const models = [
  model('small', 1_000, 300),
  model('roomy', 100_000, 8_192),
  model('small-then-roomy', 1_000, 8_192, ['roomy']),
];
const catalog: Catalog = {
  providers: new Map(),
  models: new Map(models.map((m) => [m.alias, m])),
  tasks: new Map(),
  tierRates: { core: rates, pro: rates, ultra: rates },
};
const key: AuthenticatedKey = {
  keyId: 'k',
  teamId: 't',
  displayPrefix: 'sy_test_k',
  allowedModels: null,
  allowedTiers: null,
  rpmLimit: null,
  tpmLimit: null,
  expiresAt: null,
};

/** A user message of about `words` tokens, and its exact prompt count. */
function prompt(words: number) {
  const messages = [{ role: 'user' as const, content: 'word '.repeat(words) }];
  return { messages, tokens: countChatPromptTokens(messages) };
}

const plan = (body: Record<string, unknown>) => planChat(catalog, key, validateChatRequest(body));

function refusal(body: Record<string, unknown>): { param?: string; message: string } {
  try {
    plan(body);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidRequestError);
    return { param: (err as InvalidRequestError).param, message: (err as Error).message };
  }
  throw new Error('planChat accepted the request');
}

describe(planChat.name, () => {
  it('gives a request without max_tokens the default, capped by the model, when the prompt leaves room', () => {
    const { messages, tokens } = prompt(100);
    const result = plan({ model: 'roomy', messages });
    expect(result.promptTokens).toBe(tokens);
    expect(result.candidates.map((c) => c.maxTokens)).toEqual([4_096]);
    expect(plan({ model: 'small', messages }).candidates.map((c) => c.maxTokens)).toEqual([300]);
  });

  it('shrinks the default to the room the prompt leaves, and holds for that', () => {
    const { messages, tokens } = prompt(800);
    const result = plan({ model: 'small', messages });
    expect(result.candidates.map((c) => c.maxTokens)).toEqual([1_000 - tokens]);
    expect(result.holdMicro).toBe(maxCostMicro(tokens, 1_000 - tokens, rates));
  });

  it('keeps an explicit max_tokens that fits as sent', () => {
    const { messages } = prompt(100);
    expect(plan({ model: 'small', messages, max_tokens: 250 }).candidates.map((c) => c.maxTokens)).toEqual([250]);
  });

  it.each(['max_tokens', 'max_completion_tokens'])('refuses an explicit %s the prompt leaves no room for', (param) => {
    const { messages, tokens } = prompt(800);
    expect(refusal({ model: 'small', messages, [param]: 250 })).toEqual({
      param,
      message:
        `This model's maximum context length is 1000 tokens. However, you requested ${tokens + 250} tokens ` +
        `(${tokens} in the messages, 250 in the completion). Please reduce the length of the messages or completion.`,
    });
  });

  it('serves an explicit max_tokens from the fallback whose window takes it', () => {
    const { messages } = prompt(800);
    const result = plan({ model: 'small-then-roomy', messages, max_tokens: 2_000 });
    expect(result.candidates.map((c) => [c.model.alias, c.maxTokens])).toEqual([['roomy', 2_000]]);
  });

  it.each([{}, { max_tokens: 10 }])(
    'refuses a prompt longer than the context window, naming messages (%j)',
    (fields) => {
      const { messages } = prompt(1_200);
      expect(refusal({ model: 'small', messages, ...fields })).toEqual({
        param: 'messages',
        message:
          "This model's maximum context length is 1000 tokens. However, your messages resulted in more than 1000 tokens. Please reduce the length of the messages.",
      });
    },
  );

  it('refuses a prompt that leaves no room for a single completion token', () => {
    const { messages, tokens } = prompt(992);
    expect(tokens).toBe(1_000);
    expect(refusal({ model: 'small', messages })).toEqual({
      param: 'messages',
      message:
        "This model's maximum context length is 1000 tokens. However, your messages resulted in 1000 tokens. Please reduce the length of the messages.",
    });
  });

  it('refuses a prompt over every candidate window without counting it to the end', () => {
    const { messages } = prompt(500_000);
    expect(refusal({ model: 'small-then-roomy', messages })).toEqual({
      param: 'messages',
      message:
        "This model's maximum context length is 1000 tokens. However, your messages resulted in more than 100000 tokens. Please reduce the length of the messages.",
    });
  });
});
