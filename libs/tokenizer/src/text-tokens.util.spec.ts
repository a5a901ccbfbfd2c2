import { countTextTokens, truncateToTokens } from './text-tokens.util';

describe(countTextTokens.name, () => {
  it.each([
    ['', 0],
    ['Hello', 1],
    ['Hello, world!', 4],
    ['The quick brown fox jumps over the lazy dog.', 10],
  ])('counts %j as %i o200k_base tokens', (text, expected) => {
    expect(countTextTokens(text)).toBe(expected);
  });

  it('treats special-token markers in client text as plain text instead of throwing', () => {
    expect(countTextTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('counts non-Latin text', () => {
    expect(countTextTokens('こんにちは世界')).toBeGreaterThan(0);
  });
});

describe(truncateToTokens.name, () => {
  const text = 'The quick brown fox jumps over the lazy dog.';

  it('keeps text that already fits', () => {
    expect(truncateToTokens(text, 10)).toBe(text);
    expect(truncateToTokens(text, 100)).toBe(text);
  });

  it('cuts to whole tokens', () => {
    expect(truncateToTokens(text, 3)).toBe('The quick brown');
    expect(countTextTokens(truncateToTokens(text, 3))).toBe(3);
  });

  it('returns nothing for a budget of zero', () => {
    expect(truncateToTokens(text, 0)).toBe('');
  });

  it('never leaves half a character behind', () => {
    const cut = truncateToTokens('🦊🦊🦊🦊', 1);
    expect(cut).not.toContain('\uFFFD');
    expect('🦊🦊🦊🦊'.startsWith(cut)).toBe(true);
  });
});
