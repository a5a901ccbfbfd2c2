import type { ChatMessage, ToolDefinition } from '@switchyard/contracts';
import { countChatPromptTokens, REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE } from './chat-prompt-tokens.util';
import { pngDataUrl } from './image-headers.test-util';
import { IMAGE_BASE_TOKENS, MAX_IMAGE_TOKENS } from './image-tokens.util';
import { countTextTokens } from './text-tokens.util';

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
