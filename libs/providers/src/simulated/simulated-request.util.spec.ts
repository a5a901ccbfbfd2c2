import { parseChatRequest } from './simulated-request.util';

describe(parseChatRequest.name, () => {
  it.each([
    ['invalid JSON', '{"model":', null],
    ['a non-object body', '[1,2]', null],
    ['a missing model', '{"messages":[{"role":"user","content":"hi"}]}', 'model'],
    ['missing messages', '{"model":"m"}', 'messages'],
    ['empty messages', '{"model":"m","messages":[]}', 'messages'],
    ['an unknown role', '{"model":"m","messages":[{"role":"robot","content":"hi"}]}', 'messages[0].role'],
    ['max_tokens of zero', '{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":0}', 'max_tokens'],
    [
      'a nameless tool',
      '{"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{}}]}',
      'tools',
    ],
  ])('rejects %s in OpenAI error shape', (_name, raw, param) => {
    const result = parseChatRequest(raw);
    expect(result).toEqual({
      error: { error: { message: expect.any(String), type: 'invalid_request_error', param, code: null } },
    });
  });

  it('folds max_completion_tokens into max_tokens', () => {
    const result = parseChatRequest(
      '{"model":"m","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":12}',
    );
    expect(result).toMatchObject({ body: { model: 'm', max_tokens: 12 } });
  });
});
