import { isWellFormedApiKey } from '@switchyard/keys';
import { ADMIN_TOKEN_PREFIX, generateAdminToken, hashAdminToken } from './admin-token-format.util';

describe('admin token format', () => {
  it('generates a prefixed 256-bit token stored as its SHA-256 and never shaped like an API key', () => {
    const token = generateAdminToken();
    expect(token.plaintext).toMatch(new RegExp(`^${ADMIN_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`));
    expect(token.hash).toBe(hashAdminToken(token.plaintext));
    expect(token.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(isWellFormedApiKey(token.plaintext)).toBe(false);
    expect(generateAdminToken().plaintext).not.toBe(token.plaintext);
  });
});
