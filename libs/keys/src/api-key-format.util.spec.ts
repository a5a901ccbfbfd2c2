import { apiKeyChecksum, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-format.util';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

describe('api key format', () => {
  it('generates sy_live_ keys of 32 base62 characters plus a 6-character checksum', () => {
    const key = generateApiKey('live');
    expect(key.plaintext).toMatch(/^sy_live_[0-9A-Za-z]{38}$/);
    expect(key.plaintext.slice(-6)).toBe(apiKeyChecksum(key.plaintext.slice(0, -6)));
    expect(key.displayPrefix).toBe(key.plaintext.slice(0, 12));
    expect(key.hash).toBe(hashApiKey(key.plaintext));
    expect(isWellFormedApiKey(key.plaintext)).toBe(true);
  });

  it('generates sy_test_ keys for the test environment', () => {
    const key = generateApiKey('test');
    expect(key.plaintext).toMatch(/^sy_test_[0-9A-Za-z]{38}$/);
    expect(isWellFormedApiKey(key.plaintext)).toBe(true);
  });

  it('never generates the same key twice in 10,000 draws', () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => generateApiKey('live').plaintext));
    expect(seen.size).toBe(10_000);
  });

  it('draws every base62 digit about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2_000; i++) {
      for (const ch of generateApiKey('live').plaintext.slice(8, 40)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    const expected = (2_000 * 32) / 62; // ≈ 1032 per digit
    expect(counts.size).toBe(62);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(expected * 0.8);
      expect(count).toBeLessThan(expected * 1.2);
    }
  });

  it('rejects a key with any single character changed', () => {
    const { plaintext } = generateApiKey('live');
    for (let i = 8; i < plaintext.length; i++) {
      const replacement = BASE62[(BASE62.indexOf(plaintext[i]) + 1 + (i % 61)) % 62];
      const tampered = plaintext.slice(0, i) + replacement + plaintext.slice(i + 1);
      expect(isWellFormedApiKey(tampered)).toBe(false);
    }
  });

  it('rejects a key whose environment prefix was swapped', () => {
    const { plaintext } = generateApiKey('live');
    expect(isWellFormedApiKey(plaintext.replace('sy_live_', 'sy_test_'))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['unknown prefix', `sk_live_${'a'.repeat(38)}`],
    ['too short', `sy_live_${'a'.repeat(37)}`],
    ['too long', `sy_live_${'a'.repeat(39)}`],
    ['non-base62 character', `sy_live_${'a'.repeat(37)}-`],
    ['admin-token-like string', 'adm_0123456789abcdef0123456789abcdef'],
    ['well-shaped but wrong checksum', `sy_live_${'a'.repeat(32)}000000`],
  ])('rejects garbage: %s', (_label, candidate) => {
    expect(isWellFormedApiKey(candidate)).toBe(false);
  });

  it('hashes to a stable lowercase SHA-256 hex digest', () => {
    const { plaintext, hash } = generateApiKey('live');
    expect(hashApiKey(plaintext)).toBe(hash);
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashApiKey('abc')).toMatch(/^[0-9a-f]{64}$/);
  });
});
