import { type ChatMessage, DEFAULT_IMAGE_TOKEN_RULES, type ToolDefinition } from '@switchyard/contracts';
import {
  countChatPrompt,
  countChatPromptTokens,
  promptTokensFor,
  REPLY_PRIMING_TOKENS,
  TOKENS_PER_MESSAGE,
} from './chat-prompt-tokens.util';
import { jpegDataUrl, pngDataUrl } from './image-headers.test-util';
import { LONG_RUN_UNITS, randomRun, randomRuns, seededRandom } from './random-text.test-util';
import { countTextTokens } from './text-tokens.util';

// GPT-4o's image rule, the default: a low-detail image, and the most an image can cost.
const IMAGE_BASE_TOKENS = 85;
const MAX_IMAGE_TOKENS = 1_445;

describe(countChatPromptTokens.name, () => {
  it('adds the per-message frame, the role and the reply priming to the content', () => {
    // 3 (priming) + 3 (frame) + 1 ("user") + 1 ("Hello")
    expect(countChatPromptTokens([{ role: 'user', content: 'Hello' }])).toBe(8);
  });

  it.each(['system', 'developer', 'user', 'assistant', 'tool'])(
    'prices the %s role at its real token count',
    (role) => {
      expect(countChatPromptTokens([{ role: role as ChatMessage['role'], content: '' }])).toBe(
        REPLY_PRIMING_TOKENS + TOKENS_PER_MESSAGE + countTextTokens(role),
      );
    },
  );

  it('counts every message', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Hello' },
    ];
    const expected =
      REPLY_PRIMING_TOKENS +
      2 * TOKENS_PER_MESSAGE +
      countTextTokens('system') +
      countTextTokens('You are terse.') +
      countTextTokens('user') +
      countTextTokens('Hello');
    expect(countChatPromptTokens(messages)).toBe(expected);
  });

  it('counts one more token for a name', () => {
    const withoutName = countChatPromptTokens([{ role: 'user', content: 'Hi' }]);
    expect(countChatPromptTokens([{ role: 'user', content: 'Hi', name: 'bob' }])).toBe(
      withoutName + 1 + countTextTokens('bob'),
    );
  });

  it('counts text parts as text, and an image whose size is unknown at the most an image costs', () => {
    const messages: ChatMessage[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in this picture?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,' + 'A'.repeat(10_000) } },
        ],
      },
    ];
    expect(countChatPromptTokens(messages)).toBe(
      REPLY_PRIMING_TOKENS +
        TOKENS_PER_MESSAGE +
        countTextTokens('user') +
        countTextTokens('What is in this picture?') +
        MAX_IMAGE_TOKENS,
    );
  });

  it.each([
    ['a low-detail image', { url: 'https://example.com/cat.png', detail: 'low' as const }, IMAGE_BASE_TOKENS],
    ['an image behind a URL', { url: 'https://example.com/cat.png' }, MAX_IMAGE_TOKENS],
    ['a 1024 × 1024 PNG (4 tiles)', { url: pngDataUrl(1024, 1024), detail: 'high' as const }, 765],
    ['a 512 × 512 PNG (1 tile)', { url: pngDataUrl(512, 512), detail: 'auto' as const }, 255],
  ])('prices %s by its detail and size', (_case, image_url, imageTokens) => {
    const withImage = countChatPromptTokens([{ role: 'user', content: [{ type: 'image_url', image_url }] }]);
    expect(withImage).toBe(REPLY_PRIMING_TOKENS + TOKENS_PER_MESSAGE + countTextTokens('user') + imageTokens);
  });

  it('counts tool calls, tool results and null content', () => {
    const messages: ChatMessage[] = [
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' },
    ];
    const assistant =
      TOKENS_PER_MESSAGE +
      countTextTokens('assistant') +
      3 +
      countTextTokens('get_weather') +
      countTextTokens('{"city":"Paris"}');
    const tool =
      TOKENS_PER_MESSAGE + countTextTokens('tool') + countTextTokens('call_1') + countTextTokens('{"temp":21}');
    expect(countChatPromptTokens(messages)).toBe(REPLY_PRIMING_TOKENS + assistant + tool);
  });

  it('adds the tool definitions as serialised JSON', () => {
    const tools: ToolDefinition[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const messages: ChatMessage[] = [{ role: 'user', content: 'Weather?' }];
    expect(countChatPromptTokens(messages, tools)).toBe(
      countChatPromptTokens(messages) + countTextTokens(JSON.stringify(tools)),
    );
    expect(countChatPromptTokens(messages, [])).toBe(countChatPromptTokens(messages));
  });

  it('stops counting once the total passes stopAbove, and counts in full below it', () => {
    const messages: ChatMessage[] = Array.from({ length: 50 }, () => ({
      role: 'user',
      content: 'word '.repeat(1_000),
    }));
    const full = countChatPromptTokens(messages);
    expect(countChatPromptTokens(messages, undefined, full)).toBe(full);
    const stopped = countChatPromptTokens(messages, undefined, 5_000);
    expect(stopped).toBeGreaterThan(5_000);
    expect(stopped).toBeLessThan(full);
  });
});

/** Turns the event loop took while `work` ran, and the longest it went without one (ms). */
async function turnsDuring<T>(work: Promise<T>): Promise<{ result: T; turns: number; longestBlockMs: number }> {
  let turns = 0;
  let longestBlockMs = 0;
  let last = performance.now();
  let done = false;
  const tick = () => {
    const now = performance.now();
    longestBlockMs = Math.max(longestBlockMs, now - last);
    last = now;
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work;
  done = true;
  return { result, turns, longestBlockMs };
}

/** A prompt of every shape counting deals with: ordinary text, long runs, names, tool calls, images, tools. */
function mixedPrompt(chars: number): { messages: ChatMessage[]; tools: ToolDefinition[] } {
  const random = seededRandom(99);
  const messages: ChatMessage[] = [{ role: 'system', content: 'You are terse.', name: 'rules' }];
  for (let length = 0; length < chars;) {
    const text = randomRuns(random, 3_000) + ' ' + randomRun(random, LONG_RUN_UNITS['random letters'], 600);
    length += text.length;
    messages.push(
      {
        role: 'user',
        content: [
          { type: 'text', text },
          { type: 'image_url', image_url: { url: jpegDataUrl(640, 480), detail: 'high' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'look', arguments: JSON.stringify({ text }) } }],
      },
    );
  }
  const tools: ToolDefinition[] = [{ type: 'function', function: { name: 'look', parameters: { type: 'object' } } }];
  return { messages, tools };
}

describe(countChatPrompt.name, () => {
  const claude = DEFAULT_IMAGE_TOKEN_RULES.anthropic;

  it('counts a 1 KB prompt as countChatPromptTokens does, without waiting for a turn of the event loop', async () => {
    const text = (n: number) => `Summarise ticket ${n}: the export fails with a timeout after the upgrade. `.repeat(14);
    const prompt = (n: number): ChatMessage[] => [
      { role: 'system', content: 'You are a terse support assistant.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: text(n) },
          { type: 'image_url', image_url: { url: pngDataUrl(64, 64) } },
        ],
      },
    ];
    countChatPromptTokens(prompt(0)); // the encoder's tables load on first use
    const { result, turns } = await turnsDuring(countChatPrompt(prompt(1), undefined));
    expect(promptTokensFor(result, claude)).toBe(countChatPromptTokens(prompt(1), undefined, undefined, claude));
    expect(turns).toBe(0);
  });

  it('counts a large prompt exactly as countChatPromptTokens does, a few milliseconds at a time', async () => {
    const { messages, tools } = mixedPrompt(600_000);
    const started = performance.now();
    const expected = countChatPromptTokens(messages, tools, undefined, claude);
    const syncMs = performance.now() - started;
    const { result, turns, longestBlockMs } = await turnsDuring(countChatPrompt(messages, tools));
    expect(promptTokensFor(result, claude)).toBe(expected);
    expect(result.images).toHaveLength((messages.length - 1) / 2);
    // Counting it in one go blocked the event loop for the whole count, about a second.
    expect(syncMs).toBeGreaterThan(200);
    expect(turns).toBeGreaterThan(20);
    // Slices of 2 ms, one pre-token over at most; the bound leaves room for a busy machine.
    expect(longestBlockMs).toBeLessThan(50);
  });

  it('stops where countChatPromptTokens stops, across slices', async () => {
    const { messages } = mixedPrompt(300_000);
    const stopAbove = 20_000;
    const { result, turns } = await turnsDuring(countChatPrompt(messages, undefined, { stopAbove }));
    const textOnly = messages.map((m) => ({
      ...m,
      content: Array.isArray(m.content) ? m.content.filter((p) => p.type === 'text') : m.content,
    }));
    expect(result.textTokens).toBe(countChatPromptTokens(textOnly, undefined, stopAbove));
    expect(result.textTokens).toBeGreaterThan(stopAbove);
    expect(turns).toBeGreaterThan(1);
  });

  it("ends with the signal's reason once it aborts", async () => {
    const { messages } = mixedPrompt(300_000);
    const client = new AbortController();
    const counting = countChatPrompt(messages, undefined, { signal: client.signal });
    client.abort();
    await expect(counting).rejects.toMatchObject({ name: 'AbortError' });
  });
});
