import { authorizationOf } from './authenticate-request';

describe(authorizationOf.name, () => {
  it.each([
    ['the Authorization header as sent', { authorization: 'Bearer sy_a' }, 'Bearer sy_a'],
    ['x-api-key as a Bearer key', { 'x-api-key': 'sy_b' }, 'Bearer sy_b'],
    ['Authorization over x-api-key', { authorization: 'Bearer sy_a', 'x-api-key': 'sy_b' }, 'Bearer sy_a'],
    ['nothing for an empty x-api-key', { 'x-api-key': '' }, undefined],
    ['nothing without either', {}, undefined],
  ])('takes %s', (_case, headers, expected) => {
    expect(authorizationOf(headers)).toBe(expected);
  });
});
