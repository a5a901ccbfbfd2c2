import { InvalidRequestError } from '../errors/invalid-request.error';
import { chatRequest, rejectionOf } from './dto/chat-request.fixtures';
import { validateChatRequest } from './validate-chat-request';

// What a request is routed by (a model alias or a task type), and the body's own shape.
describe(validateChatRequest.name, () => {
  describe('model or task_type', () => {
    it.each([
      ['neither', { model: undefined }, 'model', 'model or task_type is required'],
      ['model null and no task_type', { model: null }, 'model', 'model or task_type is required'],
      [
        'both',
        { task_type: 'summarize' },
        'task_type',
        'task_type cannot be combined with model: specify exactly one of them',
      ],
      ['an empty model alone', { model: '' }, 'model', 'model must not be empty'],
      ['a model that is not a string', { model: 42 }, 'model', 'model must be a string'],
      ['an over-long model', { model: 'm'.repeat(257) }, 'model', 'model must be at most 256 characters long'],
      [
        'an unknown task type',
        { model: undefined, task_type: 'poetry' },
        'task_type',
        expect.stringMatching(/^task_type must be one of: simple_chat, summarize, .*, agentic_complex$/),
      ],
    ])('rejects %s', (_case, fields, param, message) => {
      expect(rejectionOf(chatRequest(fields))).toEqual({ param, message });
    });

    it.each([
      ['model null', { model: null, task_type: 'translate' }],
      ['model empty, as SDKs that require a model send it', { model: '', task_type: 'translate' }],
      ['no model', { model: undefined, task_type: 'translate' }],
    ])('routes by task_type with %s', (_case, fields) => {
      const result = validateChatRequest(chatRequest(fields));
      expect(result.task_type).toBe('translate');
      expect(result).not.toHaveProperty('model');
    });
  });

  it.each([null, undefined, [], 'text', 42, true])('rejects a body that is not a JSON object: %p', (body) => {
    expect(() => validateChatRequest(body)).toThrow(InvalidRequestError);
    expect(rejectionOf(body)).toEqual({ param: undefined, message: 'The request body must be a JSON object.' });
  });
});
