import { keyRevocationChannel, parseRevocationMessage } from './key-revocation.constants';

describe('key revocation messages', () => {
  const hash = 'a'.repeat(64);

  it('names the channel under the deployment prefix', () => {
    expect(keyRevocationChannel('sy:')).toBe('sy:keys:revoked');
  });

  it.each([
    ['a list of hashes', JSON.stringify([hash, 'b'.repeat(64)]), [hash, 'b'.repeat(64)]],
    ['a list with junk in it', JSON.stringify([hash, 42, 'short', null]), [hash]],
    ['not a list', JSON.stringify({ hash }), []],
    ['not JSON', 'revoke everything', []],
  ])('reads %s', (_name, message, expected) => {
    expect(parseRevocationMessage(message)).toEqual(expected);
  });
});
