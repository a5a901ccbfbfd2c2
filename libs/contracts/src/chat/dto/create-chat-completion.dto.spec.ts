import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { validateChatRequest } from '../validate-chat-request';
import { chatRequest, rejectionOf } from './chat-request.fixtures';
import { CHAT_REQUEST_FIELDS } from './chat-request.constants';
import { CreateChatCompletionDto } from './create-chat-completion.dto';
import { TRANSFORM_OPTIONS } from './validation-options.constants';

const jsonSchemaFormat = {
  type: 'json_schema',
  json_schema: { name: 'answer', description: 'd', schema: { type: 'object' }, strict: true },
};

describe(CreateChatCompletionDto.name, () => {
  it('reads exactly the fields listed in CHAT_REQUEST_FIELDS', () => {
    const validated = getMetadataStorage().getTargetValidationMetadatas(CreateChatCompletionDto, '', true, false);
    expect(new Set(validated.map((m) => m.propertyName))).toEqual(new Set(CHAT_REQUEST_FIELDS));
    const everyField = Object.fromEntries(CHAT_REQUEST_FIELDS.map((field) => [field, 1]));
    expect(Object.keys(plainToInstance(CreateChatCompletionDto, everyField, TRANSFORM_OPTIONS)).sort()).toEqual(
      [...CHAT_REQUEST_FIELDS].sort(),
    );
  });

  it.each([
    ['temperature', 0],
    ['temperature', 2],
    ['temperature', 1.35],
    ['top_p', 0],
    ['top_p', 1],
    ['max_tokens', 1],
    ['max_completion_tokens', 128_000],
    ['stream', true],
    ['seed', -42],
    ['seed', Number.MAX_SAFE_INTEGER],
    ['stop', 'END'],
    ['stop', []],
    ['stop', ['a', 'b', 'c', 'd']],
    ['user', 'u'.repeat(256)],
    ['presence_penalty', -2],
    ['frequency_penalty', 2],
    ['response_format', { type: 'text' }],
    ['response_format', { type: 'json_object' }],
    ['response_format', jsonSchemaFormat],
    ['response_format', { type: 'json_schema', json_schema: { name: 'answer' } }],
  ])('accepts %s = %p', (field, value) => {
    const { body } = validateChatRequest(chatRequest({ [field]: value }));
    const forwardedAs = field === 'max_completion_tokens' ? 'max_tokens' : field;
    expect(body).toHaveProperty([forwardedAs], value);
  });

  it('drops json_schema from a response_format of another type', () => {
    expect(
      validateChatRequest(chatRequest({ response_format: { type: 'json_object', json_schema: 5 } })).body
        .response_format,
    ).toEqual({ type: 'json_object' });
  });

  it.each([
    ['temperature', 2.01, 'temperature must not be greater than 2'],
    ['temperature', -0.1, 'temperature must not be less than 0'],
    ['temperature', '0.5', 'temperature must be a number'],
    ['top_p', 1.5, 'top_p must not be greater than 1'],
    ['top_p', true, 'top_p must be a number'],
    ['max_tokens', 0, 'max_tokens must not be less than 1'],
    ['max_tokens', 1.5, 'max_tokens must be an integer number'],
    ['max_tokens', '100', 'max_tokens must be an integer number'],
    ['max_tokens', 2 ** 60, 'max_tokens must not be greater than 9007199254740991'],
    ['max_completion_tokens', -1, 'max_completion_tokens must not be less than 1'],
    ['stream', 'true', 'stream must be a boolean value'],
    ['stream', 1, 'stream must be a boolean value'],
    ['stream_options', 'usage', 'stream_options must be an object'],
    ['stream_options', [{ include_usage: true }], 'stream_options must be an object'],
    ['seed', 1.5, 'seed must be an integer number'],
    ['seed', -(2 ** 60), 'seed must not be less than -9007199254740991'],
    ['stop', 5, 'stop must be a string or an array of strings'],
    ['stop', ['a', 'b', 'c', 'd', 'e'], 'stop must contain at most 4 sequences'],
    ['stop', 's'.repeat(513), 'stop must be at most 512 characters long'],
    ['user', 'u'.repeat(257), 'user must be shorter than or equal to 256 characters'],
    ['user', 42, 'user must be a string'],
    ['presence_penalty', 2.5, 'presence_penalty must not be greater than 2'],
    ['frequency_penalty', -3, 'frequency_penalty must not be less than -2'],
    ['frequency_penalty', '1', 'frequency_penalty must be a number'],
    ['n', 2, 'n must be 1: only one choice per request is supported'],
    ['n', '1', 'n must be 1: only one choice per request is supported'],
    ['response_format', 'json', 'response_format must be an object'],
    ['response_format', {}, 'response_format.type must be one of the following values: text, json_object, json_schema'],
    [
      'response_format',
      { type: 'xml' },
      'response_format.type must be one of the following values: text, json_object, json_schema',
    ],
    [
      'response_format',
      { type: 'json_schema' },
      'response_format.json_schema must be an object when type is json_schema',
    ],
  ])('rejects %s = %p', (field, value, message) => {
    expect(rejectionOf(chatRequest({ [field]: value }))).toEqual({ param: message.split(' ')[0], message });
  });

  it.each([
    [
      { stream: true, stream_options: { include_usage: 'yes' } },
      'stream_options.include_usage',
      'stream_options.include_usage must be a boolean value',
    ],
    [{ stop: ['a', 7] }, 'stop[1]', 'stop[1] must be a string'],
    [{ stop: ['a', 'z'.repeat(513)] }, 'stop[1]', 'stop[1] must be at most 512 characters long'],
    [
      { response_format: { type: 'json_schema', json_schema: { name: 'my schema' } } },
      'response_format.json_schema.name',
      'response_format.json_schema.name must be 1-64 letters, digits, underscores or dashes',
    ],
    [
      { response_format: { type: 'json_schema', json_schema: { name: 'a', schema: [] } } },
      'response_format.json_schema.schema',
      'response_format.json_schema.schema must be an object',
    ],
    [
      { response_format: { type: 'json_schema', json_schema: { name: 'a', strict: 1 } } },
      'response_format.json_schema.strict',
      'response_format.json_schema.strict must be a boolean value',
    ],
  ])('rejects %p at its nested path', (fields, param, message) => {
    expect(rejectionOf(chatRequest(fields))).toEqual({ param, message });
  });

  it('reports the first violation in declaration order', () => {
    expect(rejectionOf(chatRequest({ messages: [], temperature: 9, user: 1 }))).toEqual({
      param: 'messages',
      message: 'messages must contain at least 1 element',
    });
    expect(rejectionOf(chatRequest({ temperature: 9, user: 1 })).param).toBe('temperature');
  });
});
