import { clientRequestIdOf } from './client-request-id.util';

describe('clientRequestIdOf', () => {
  it.each(['req-1', 'a.b:c_d-9', 'x'.repeat(128)])('keeps %s', (id) => {
    expect(clientRequestIdOf(id)).toBe(id);
  });

  it.each([
    ['a 5,000-character id', 'a'.repeat(5_000)],
    ['129 characters', 'x'.repeat(129)],
    ['spaces', 'req 1'],
    ['a header injection attempt', 'req\r\nx-evil: 1'],
    ['non-ASCII', 'réq'],
    ['an empty id', ''],
    ['a repeated header', ['a', 'b']],
    ['no header', undefined],
  ])('drops %s', (_case, header) => {
    expect(clientRequestIdOf(header)).toBeNull();
  });
});
