import { requiredCapabilities } from './required-capabilities.util';

const tool = { type: 'function', function: { name: 'lookup' } };
const text = [{ role: 'user', content: 'hi' }];

describe(requiredCapabilities.name, () => {
  it('needs nothing for a plain text chat', () => {
    expect(requiredCapabilities({ messages: text })).toEqual([]);
    expect(
      requiredCapabilities({
        messages: [{ content: [{ type: 'text', text: 'hi' }] }, { content: null }],
        stream: false,
        response_format: { type: 'json_object' },
      }),
    ).toEqual([]);
  });

  it('needs tools when tools are offered, unless tool_choice is none', () => {
    expect(requiredCapabilities({ messages: text, tools: [tool] })).toEqual(['tools']);
    expect(requiredCapabilities({ messages: text, tools: [tool], tool_choice: 'required' })).toEqual(['tools']);
    expect(requiredCapabilities({ messages: text, tools: [tool], tool_choice: 'none' })).toEqual([]);
    expect(requiredCapabilities({ messages: text, tools: [] })).toEqual([]);
  });

  it('needs vision when any message carries an image part', () => {
    const messages = [
      { content: 'describe' },
      {
        content: [
          { type: 'text', text: 'this' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ],
      },
    ];
    expect(requiredCapabilities({ messages })).toEqual(['vision']);
  });

  it('needs json_schema and streaming when asked for', () => {
    expect(requiredCapabilities({ messages: text, response_format: { type: 'json_schema' }, stream: true })).toEqual([
      'json_schema',
      'streaming',
    ]);
  });

  it('lists every need together', () => {
    const messages = [{ content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }];
    expect(
      requiredCapabilities({
        messages,
        tools: [tool],
        tool_choice: 'auto',
        response_format: { type: 'json_schema' },
        stream: true,
      }),
    ).toEqual(['tools', 'vision', 'json_schema', 'streaming']);
  });
});
