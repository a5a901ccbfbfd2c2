import { validateChatRequest } from '../validate-chat-request';
import { ChatMessageDto } from './chat-message.dto';
import { chatRequest, rejectionOf, userMessage, withMessages } from './chat-request.fixtures';

const toolCall = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };
const image = (url: string, detail?: string) => ({ type: 'image_url', image_url: detail ? { url, detail } : { url } });

describe(ChatMessageDto.name, () => {
  it.each([
    ['a developer message', { role: 'developer', content: 'Answer in French.' }],
    ['an empty user message', { role: 'user', content: '' }],
    [
      'text and image parts',
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, image('https://x.test/a.png', 'high')] },
    ],
    ['an inline data: image', { role: 'user', content: [image('data:image/png;base64,iVBORw0KGgo=')] }],
    ['a named user', { role: 'user', content: 'hi', name: 'alice' }],
    ['an assistant with null content and tool_calls', { role: 'assistant', content: null, tool_calls: [toolCall] }],
    ['an assistant with tool_calls and no content', { role: 'assistant', tool_calls: [toolCall] }],
    ['an assistant with text and tool_calls', { role: 'assistant', content: 'Let me check.', tool_calls: [toolCall] }],
    ['an assistant with text parts', { role: 'assistant', content: [{ type: 'text', text: 'Paris.' }] }],
    ['a tool result', { role: 'tool', tool_call_id: 'call_1', content: '{"temp":21}' }],
    ['a tool result as text parts', { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '21' }] }],
  ])('accepts %s and forwards it as sent', (_case, message) => {
    expect(validateChatRequest(withMessages(userMessage, message)).body.messages).toEqual([userMessage, message]);
  });

  it.each([
    ['tool_calls on a user message', { ...userMessage, tool_calls: [{}] }],
    ['tool_call_id on a user message', { ...userMessage, tool_call_id: 42 }],
    ['tool_call_id on an assistant message', { role: 'assistant', content: 'x', tool_call_id: 'c' }],
  ])('ignores %s, which that role does not use', (_case, message) => {
    const { role, content } = message;
    expect(validateChatRequest(withMessages(message)).body.messages).toEqual([{ role, content }]);
  });

  it.each([
    ['no messages', chatRequest({ messages: undefined }), 'messages', 'messages must be an array'],
    ['messages as an object', chatRequest({ messages: userMessage }), 'messages', 'messages must be an array'],
    ['an empty list', withMessages(), 'messages', 'messages must contain at least 1 element'],
    [
      'too many messages',
      withMessages(...Array(2049).fill(userMessage)),
      'messages',
      'messages must contain at most 2048 elements',
    ],
    ['a string message', withMessages(userMessage, 'hi'), 'messages[1]', 'messages[1] must be an object'],
    ['a nested list', withMessages([userMessage]), 'messages[0]', 'messages[0] must be an object'],
    [
      'an unknown role',
      withMessages({ role: 'bot', content: 'x' }),
      'messages[0].role',
      'messages[0].role must be one of the following values: system, developer, user, assistant, tool',
    ],
    [
      'no role',
      withMessages({ content: 'x' }),
      'messages[0].role',
      'messages[0].role must be one of the following values: system, developer, user, assistant, tool',
    ],
    [
      'a user message without content',
      withMessages({ role: 'user' }),
      'messages[0].content',
      'messages[0].content is required',
    ],
    [
      'a system message with null content',
      withMessages({ role: 'system', content: null }),
      'messages[0].content',
      'messages[0].content is required',
    ],
    [
      'a tool message without content',
      withMessages(userMessage, { role: 'tool', tool_call_id: 'c' }),
      'messages[1].content',
      'messages[1].content is required',
    ],
    [
      'an assistant message with neither content nor tool_calls',
      withMessages({ role: 'assistant' }),
      'messages[0].content',
      'messages[0].content is required unless the assistant message has tool_calls',
    ],
    [
      'numeric content',
      withMessages({ role: 'user', content: 42 }),
      'messages[0].content',
      'messages[0].content must be a string or an array of content parts',
    ],
    [
      'object content',
      withMessages({ role: 'user', content: { type: 'text', text: 'x' } }),
      'messages[0].content',
      'messages[0].content must be a string or an array of content parts',
    ],
    [
      'no content parts',
      withMessages({ role: 'user', content: [] }),
      'messages[0].content',
      'messages[0].content must contain at least 1 content part',
    ],
    [
      'too many content parts',
      withMessages({ role: 'user', content: Array(257).fill({ type: 'text', text: 'x' }) }),
      'messages[0].content',
      'messages[0].content must contain at most 256 content parts',
    ],
    [
      'a string content part',
      withMessages({ role: 'user', content: [{ type: 'text', text: 'a' }, 'b'] }),
      'messages[0].content[1]',
      'messages[0].content[1] must be an object',
    ],
    [
      'an unknown part type',
      withMessages({ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }),
      'messages[0].content[0].type',
      'messages[0].content[0].type must be one of: text, image_url',
    ],
    [
      'a text part without text',
      withMessages({ role: 'user', content: [{ type: 'text' }] }),
      'messages[0].content[0].text',
      'messages[0].content[0].text must be a string',
    ],
    [
      'an image part without image_url',
      withMessages({ role: 'user', content: [{ type: 'image_url' }] }),
      'messages[0].content[0].image_url',
      'messages[0].content[0].image_url must be an object',
    ],
    [
      'an image part with an ftp URL',
      withMessages({ role: 'user', content: [{ type: 'text', text: 'a' }, image('ftp://x.test/a.png')] }),
      'messages[0].content[1].image_url.url',
      'messages[0].content[1].image_url.url must be an http(s) or data: URL',
    ],
    [
      'an image part with a numeric URL',
      withMessages({ role: 'user', content: [{ type: 'image_url', image_url: { url: 1 } }] }),
      'messages[0].content[0].image_url.url',
      'messages[0].content[0].image_url.url must be a string',
    ],
    [
      'an unknown image detail',
      withMessages({ role: 'user', content: [image('https://x.test/a.png', 'ultra')] }),
      'messages[0].content[0].image_url.detail',
      'messages[0].content[0].image_url.detail must be one of the following values: auto, low, high',
    ],
    [
      'an image in a system message',
      withMessages({ role: 'system', content: [image('https://x.test/a.png')] }),
      'messages[0].content[0].type',
      'messages[0].content[0].type must be "text": image_url parts are only allowed in user messages',
    ],
    [
      'a numeric name',
      withMessages({ ...userMessage, name: 7 }),
      'messages[0].name',
      'messages[0].name must be a string',
    ],
    [
      'an over-long name',
      withMessages({ ...userMessage, name: 'n'.repeat(257) }),
      'messages[0].name',
      'messages[0].name must be shorter than or equal to 256 characters',
    ],
    [
      'a tool message without tool_call_id',
      withMessages(userMessage, { role: 'tool', content: 'r' }),
      'messages[1].tool_call_id',
      'messages[1].tool_call_id is required on tool messages',
    ],
    [
      'an empty tool_call_id',
      withMessages(userMessage, { role: 'tool', content: 'r', tool_call_id: '' }),
      'messages[1].tool_call_id',
      'messages[1].tool_call_id should not be empty',
    ],
    [
      'a numeric tool_call_id',
      withMessages(userMessage, { role: 'tool', content: 'r', tool_call_id: 1 }),
      'messages[1].tool_call_id',
      'messages[1].tool_call_id must be a string',
    ],
    [
      'tool_calls that are not a list',
      withMessages({ role: 'assistant', tool_calls: toolCall }),
      'messages[0].tool_calls',
      'messages[0].tool_calls must be an array',
    ],
    [
      'an empty tool_calls list',
      withMessages({ role: 'assistant', content: 'x', tool_calls: [] }),
      'messages[0].tool_calls',
      'messages[0].tool_calls must contain at least 1 element',
    ],
    [
      'too many tool_calls',
      withMessages({ role: 'assistant', tool_calls: Array(129).fill(toolCall) }),
      'messages[0].tool_calls',
      'messages[0].tool_calls must contain at most 128 elements',
    ],
    [
      'an empty tool call',
      withMessages({ role: 'assistant', tool_calls: [{}] }),
      'messages[0].tool_calls[0].id',
      'messages[0].tool_calls[0].id must be a string',
    ],
    [
      'a tool call of another type',
      withMessages({ role: 'assistant', tool_calls: [{ ...toolCall, type: 'code' }] }),
      'messages[0].tool_calls[0].type',
      'messages[0].tool_calls[0].type must be "function"',
    ],
    [
      'a tool call without function',
      withMessages({ role: 'assistant', tool_calls: [toolCall, { id: 'c2', type: 'function' }] }),
      'messages[0].tool_calls[1].function',
      'messages[0].tool_calls[1].function must be an object',
    ],
    [
      'a tool call with a bad name',
      withMessages({
        role: 'assistant',
        tool_calls: [{ ...toolCall, function: { name: 'get weather', arguments: '{}' } }],
      }),
      'messages[0].tool_calls[0].function.name',
      'messages[0].tool_calls[0].function.name must be 1-64 letters, digits, underscores or dashes',
    ],
    [
      'tool call arguments as an object',
      withMessages({ role: 'assistant', tool_calls: [{ ...toolCall, function: { name: 'f', arguments: {} } }] }),
      'messages[0].tool_calls[0].function.arguments',
      'messages[0].tool_calls[0].function.arguments must be a string',
    ],
  ])('rejects %s', (_case, body, param, message) => {
    expect(rejectionOf(body)).toEqual({ param, message });
  });
});
