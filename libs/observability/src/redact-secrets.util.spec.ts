import { redactSecrets, scrubForLog } from './redact-secrets.util';

describe(redactSecrets.name, () => {
  it.each([
    ['key sy_live_AbCdEfGhIjKlMnOpQrStUvWx123456 used', 'key sy_live_[redacted] used'],
    ['sy_test_AbCdEfGhIjKlMnOpQrSt', 'sy_test_[redacted]'],
    ['token syadm_abc-DEF_0123456789xyz', 'token syadm_[redacted]'],
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['x-api-key sk-ant-api03-abcdefghijklmnop', 'x-api-key sk-[redacted]'],
    ['nothing secret here', 'nothing secret here'],
  ])('masks %s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('masks literal secrets of any shape', () => {
    expect(redactSecrets('upstream key is hunter2-hunter2 ok', ['hunter2-hunter2'])).toBe(
      'upstream key is [redacted] ok',
    );
  });
});

describe(scrubForLog.name, () => {
  it('masks fields named like secrets at any depth and leaves the rest', () => {
    expect(
      scrubForLog({
        a: { b: { apiKey: 'x', ADMIN_TOKEN: 'y', ANTHROPIC_API_KEY: 'z', count: 3 } },
        list: ['Bearer abc'],
      }),
    ).toEqual({
      a: { b: { apiKey: '[redacted]', ADMIN_TOKEN: '[redacted]', ANTHROPIC_API_KEY: '[redacted]', count: 3 } },
      list: ['Bearer [redacted]'],
    });
  });
});
