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

  // Each threw RangeError (regex backtrack stack) before; about 10 ms each now.
  it.each([
    ['sk-sk-…', 'sk-'.repeat(3_000_000), 'sk-[redacted]'],
    ['sk- and 9M letters', 'sk-' + 'a'.repeat(9_000_000), 'sk-[redacted]'],
    ['sy_live_ and 9M letters', 'sy_live_' + 'a'.repeat(9_000_000), 'sy_live_[redacted]'],
    ['syadm_ and 9M letters', 'syadm_' + 'a'.repeat(9_000_000), 'syadm_[redacted]'],
  ])('masks megabytes of %s without throwing', (_shape, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves megabytes of a scheme followed by nothing but spaces as they are', () => {
    const input = 'Bearer' + ' '.repeat(9_000_000);
    expect(redactSecrets(input)).toBe(input);
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
