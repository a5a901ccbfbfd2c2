import { validateChatRequest } from '../validate-chat-request';
import { chatRequest, rejectionOf, weatherTool } from './chat-request.fixtures';
import { ToolDto } from './tool.dto';

const tool = (fn: Record<string, unknown>) => ({ type: 'function', function: fn });
const searchTool = tool({ name: 'web-search_2' });

describe(ToolDto.name, () => {
  it.each([
    ['a function with only a name', [searchTool]],
    [
      'a strict function with a schema',
      [tool({ name: 'f', parameters: { type: 'object', properties: {}, additionalProperties: false }, strict: true })],
    ],
    ['a 64-character name', [tool({ name: 'a'.repeat(64) })]],
    [
      'a schema with a constructor property',
      [tool({ name: 'f', parameters: { type: 'object', properties: { constructor: { type: 'string' } } } })],
    ],
    ['128 tools', Array.from({ length: 128 }, (_, i) => tool({ name: `t${i}` }))],
  ])('accepts %s and forwards it as sent', (_case, tools) => {
    expect(validateChatRequest(chatRequest({ tools })).body.tools).toEqual(tools);
  });

  it.each([
    ['auto', 'auto'],
    ['none', 'none'],
    ['required', 'required'],
    ['a named function', { type: 'function', function: { name: 'get_weather' } }],
  ])('accepts tool_choice %s when tools are given', (_case, toolChoice) => {
    expect(
      validateChatRequest(chatRequest({ tools: [searchTool, weatherTool], tool_choice: toolChoice })).body.tool_choice,
    ).toEqual(toolChoice);
  });

  it.each([
    ['tools as an object', { tools: weatherTool }, 'tools', 'tools must be an array'],
    [
      'too many tools',
      { tools: Array.from({ length: 129 }, (_, i) => tool({ name: `t${i}` })) },
      'tools',
      'tools must contain at most 128 elements',
    ],
    ['a string tool', { tools: [weatherTool, 'get_time'] }, 'tools[1]', 'tools[1] must be an object'],
    [
      'a tool of another type',
      { tools: [{ ...weatherTool, type: 'retrieval' }] },
      'tools[0].type',
      'tools[0].type must be "function"',
    ],
    [
      'a tool without function',
      { tools: [{ type: 'function' }] },
      'tools[0].function',
      'tools[0].function must be an object',
    ],
    [
      'a function without name',
      { tools: [tool({ description: 'x' })] },
      'tools[0].function.name',
      'tools[0].function.name must be a string',
    ],
    [
      'a name with a space',
      { tools: [tool({ name: 'get weather' })] },
      'tools[0].function.name',
      'tools[0].function.name must be 1-64 letters, digits, underscores or dashes',
    ],
    [
      'an empty name',
      { tools: [tool({ name: '' })] },
      'tools[0].function.name',
      'tools[0].function.name must be 1-64 letters, digits, underscores or dashes',
    ],
    [
      'a 65-character name',
      { tools: [tool({ name: 'a'.repeat(65) })] },
      'tools[0].function.name',
      'tools[0].function.name must be 1-64 letters, digits, underscores or dashes',
    ],
    [
      'a non-ASCII name',
      { tools: [tool({ name: 'météo' })] },
      'tools[0].function.name',
      'tools[0].function.name must be 1-64 letters, digits, underscores or dashes',
    ],
    [
      'a numeric description',
      { tools: [tool({ name: 'f', description: 1 })] },
      'tools[0].function.description',
      'tools[0].function.description must be a string',
    ],
    [
      'an over-long description',
      { tools: [tool({ name: 'f', description: 'd'.repeat(16_385) })] },
      'tools[0].function.description',
      'tools[0].function.description must be shorter than or equal to 16384 characters',
    ],
    [
      'parameters as a list',
      { tools: [tool({ name: 'f', parameters: [] })] },
      'tools[0].function.parameters',
      'tools[0].function.parameters must be an object',
    ],
    [
      'parameters as a string',
      { tools: [tool({ name: 'f', parameters: '{}' })] },
      'tools[0].function.parameters',
      'tools[0].function.parameters must be an object',
    ],
    [
      'strict as a string',
      { tools: [tool({ name: 'f', strict: 'true' })] },
      'tools[0].function.strict',
      'tools[0].function.strict must be a boolean value',
    ],
    [
      'two tools with one name',
      { tools: [weatherTool, searchTool, weatherTool] },
      'tools[2].function.name',
      'tools[2].function.name must be unique within tools',
    ],
    [
      'tool_choice without tools',
      { tool_choice: 'auto' },
      'tool_choice',
      'tool_choice is only allowed when tools are specified',
    ],
    [
      'tool_choice "none" with an empty tools list',
      { tools: [], tool_choice: 'none' },
      'tool_choice',
      'tool_choice is only allowed when tools are specified',
    ],
    [
      'an unknown tool_choice mode',
      { tools: [weatherTool], tool_choice: 'any' },
      'tool_choice',
      'tool_choice must be one of: none, auto, required, or a named function',
    ],
    [
      'a numeric tool_choice',
      { tools: [weatherTool], tool_choice: 1 },
      'tool_choice',
      'tool_choice must be a string or an object',
    ],
    [
      'a tool_choice list',
      { tools: [weatherTool], tool_choice: ['auto'] },
      'tool_choice',
      'tool_choice must be a string or an object',
    ],
    [
      'a named tool_choice of another type',
      { tools: [weatherTool], tool_choice: { type: 'tool', function: { name: 'get_weather' } } },
      'tool_choice.type',
      'tool_choice.type must be "function"',
    ],
    [
      'a named tool_choice without function',
      { tools: [weatherTool], tool_choice: { type: 'function' } },
      'tool_choice.function',
      'tool_choice.function must be an object',
    ],
    [
      'a named tool_choice with a bad name',
      { tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'a b' } } },
      'tool_choice.function.name',
      'tool_choice.function.name must be 1-64 letters, digits, underscores or dashes',
    ],
    [
      'a named tool_choice for a missing function',
      { tools: [weatherTool], tool_choice: { type: 'function', function: { name: 'get_time' } } },
      'tool_choice.function.name',
      'tool_choice.function.name must be the name of a function in tools',
    ],
    [
      'parallel_tool_calls as a string',
      { tools: [weatherTool], parallel_tool_calls: 'yes' },
      'parallel_tool_calls',
      'parallel_tool_calls must be a boolean value',
    ],
  ])('rejects %s', (_case, fields, param, message) => {
    expect(rejectionOf(chatRequest(fields))).toEqual({ param, message });
  });
});
