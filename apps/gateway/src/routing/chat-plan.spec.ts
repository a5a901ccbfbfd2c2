import {
  type Catalog,
  type CatalogModel,
  DEFAULT_IMAGE_TOKEN_RULES,
  type ImageTokenRule,
  InvalidRequestError,
  validateChatRequest,
} from '@switchyard/contracts';
import { maxCostMicro } from '@switchyard/pricing';
import type { AuthenticatedKey } from '@switchyard/keys';
import { countChatPromptTokens } from '@switchyard/tokenizer';
import { planChat } from './chat-plan';

// Pure: a hand-built catalog and key, requests through the real validation and tokenizer.
const rates = { inputPer1kMicro: 1_000n, outputPer1kMicro: 2_000n, cachedInputPer1kMicro: 0n };

function model(
  alias: string,
  contextWindow: number,
  maxOutputTokens: number,
  fallbacks?: string[],
  imageTokens: ImageTokenRule = DEFAULT_IMAGE_TOKEN_RULES.openai,
): CatalogModel {
  return {
    alias,
    provider: 'simulated',
    upstreamModel: alias,
    tier: 'core',
    capabilities: ['streaming', 'vision'],
    contextWindow,
    maxOutputTokens,
    imageTokens,
    ...(fallbacks ? { fallbacks } : {}),
  };
}

const GPT_4O_MINI_IMAGES: ImageTokenRule = { kind: 'tiles', baseTokens: 2_833, tileTokens: 5_667 };
const models = [
  model('small', 1_000, 300),
  model('roomy', 100_000, 8_192),
  model('small-then-roomy', 1_000, 8_192, ['roomy']),
  model('claude', 200_000, 8_192, undefined, DEFAULT_IMAGE_TOKEN_RULES.anthropic),
  model('mini-then-claude', 128_000, 8_192, ['claude'], GPT_4O_MINI_IMAGES),
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

async function plan(body: Record<string, unknown>, signal?: AbortSignal) {
  const result = await planChat(catalog, key, validateChatRequest(body), signal);
  if (!result) throw new Error('planChat gave up on a request nobody aborted');
  return result;
}

async function refusal(body: Record<string, unknown>): Promise<{ param?: string; message: string }> {
  try {
    await plan(body);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidRequestError);
    return { param: (err as InvalidRequestError).param, message: (err as Error).message };
  }
  throw new Error('planChat accepted the request');
}

describe(planChat.name, () => {
  it('gives a request without max_tokens the default, capped by the model, when the prompt leaves room', async () => {
    const { messages, tokens } = prompt(100);
    const result = await plan({ model: 'roomy', messages });
    expect(result.promptTokens).toBe(tokens);
    expect(result.candidates.map((c) => c.maxTokens)).toEqual([4_096]);
    expect((await plan({ model: 'small', messages })).candidates.map((c) => c.maxTokens)).toEqual([300]);
  });

  it('shrinks the default to the room the prompt leaves, and holds for that', async () => {
    const { messages, tokens } = prompt(800);
    const result = await plan({ model: 'small', messages });
    expect(result.candidates.map((c) => c.maxTokens)).toEqual([1_000 - tokens]);
    expect(result.holdMicro).toBe(maxCostMicro(tokens, 1_000 - tokens, rates));
  });

  it('keeps an explicit max_tokens that fits as sent', async () => {
    const { messages } = prompt(100);
    expect((await plan({ model: 'small', messages, max_tokens: 250 })).candidates.map((c) => c.maxTokens)).toEqual([
      250,
    ]);
  });

  it.each(['max_tokens', 'max_completion_tokens'])(
    'refuses an explicit %s the prompt leaves no room for',
    async (param) => {
      const { messages, tokens } = prompt(800);
      expect(await refusal({ model: 'small', messages, [param]: 250 })).toEqual({
        param,
        message:
          `This model's maximum context length is 1000 tokens. However, you requested ${tokens + 250} tokens ` +
          `(${tokens} in the messages, 250 in the completion). Please reduce the length of the messages or completion.`,
      });
    },
  );

  it('serves an explicit max_tokens from the fallback whose window takes it', async () => {
    const { messages } = prompt(800);
    const result = await plan({ model: 'small-then-roomy', messages, max_tokens: 2_000 });
    expect(result.candidates.map((c) => [c.model.alias, c.maxTokens])).toEqual([['roomy', 2_000]]);
  });

  it.each([{}, { max_tokens: 10 }])(
    'refuses a prompt longer than the context window, naming messages (%j)',
    async (fields) => {
      const { messages } = prompt(1_200);
      expect(await refusal({ model: 'small', messages, ...fields })).toEqual({
        param: 'messages',
        message:
          "This model's maximum context length is 1000 tokens. However, your messages resulted in more than 1000 tokens. Please reduce the length of the messages.",
      });
    },
  );

  it('refuses a prompt that leaves no room for a single completion token', async () => {
    const { messages, tokens } = prompt(992);
    expect(tokens).toBe(1_000);
    expect(await refusal({ model: 'small', messages })).toEqual({
      param: 'messages',
      message:
        "This model's maximum context length is 1000 tokens. However, your messages resulted in 1000 tokens. Please reduce the length of the messages.",
    });
  });

  it('refuses a prompt over every candidate window without counting it to the end', async () => {
    const { messages } = prompt(500_000);
    expect(await refusal({ model: 'small-then-roomy', messages })).toEqual({
      param: 'messages',
      message:
        "This model's maximum context length is 1000 tokens. However, your messages resulted in more than 100000 tokens. Please reduce the length of the messages.",
    });
  });

  it("prices images by each candidate's rule, holding for the dearest and charging rate limits the most", async () => {
    const content = [
      { type: 'text' as const, text: 'What is in this picture?' },
      { type: 'image_url' as const, image_url: { url: 'https://example.com/cat.png' } },
    ];
    const messages = [{ role: 'user' as const, content }];
    const mini = countChatPromptTokens(messages, undefined, undefined, GPT_4O_MINI_IMAGES);
    const claude = countChatPromptTokens(messages, undefined, undefined, DEFAULT_IMAGE_TOKEN_RULES.anthropic);
    // An image of unknown size: 2,833 + 8 tiles × 5,667 on gpt-4o-mini, Anthropic's cap of 1,600 on Claude.
    expect(mini - claude).toBe(2_833 + 8 * 5_667 - 1_600);

    const result = await plan({ model: 'mini-then-claude', messages });
    expect(result.candidates.map((c) => [c.model.alias, c.promptTokens, c.maxTokens])).toEqual([
      ['mini-then-claude', mini, 4_096],
      ['claude', claude, 4_096],
    ]);
    expect(result.promptTokens).toBe(mini);
    expect(result.holdMicro).toBe(maxCostMicro(mini, 4_096, rates));
  });

  it('resolves to null when the client goes away while a large prompt is counted', async () => {
    const { messages } = prompt(500_000);
    const client = new AbortController();
    const pending = planChat(catalog, key, validateChatRequest({ model: 'roomy', messages }), client.signal);
    client.abort();
    expect(await pending).toBeNull();
  });
});
