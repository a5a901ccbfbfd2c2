import { encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { countEmbeddingInputTokens } from './embedding-input-tokens.util';

describe(countEmbeddingInputTokens.name, () => {
  it('counts each text exactly under o200k_base', () => {
    const texts = ['The quick brown fox', 'jumps over the lazy dog.', 'Grüße, 世界! <|endoftext|>'];
    expect(countEmbeddingInputTokens({ kind: 'text', texts })).toEqual(
      texts.map((text) => encode(text, { disallowedSpecial: new Set() }).length),
    );
  });

  it('counts token-id inputs by their length', () => {
    expect(countEmbeddingInputTokens({ kind: 'tokens', tokens: [[1, 2, 3], [7]] })).toEqual([3, 1]);
  });

  it('stops counting a text once it passes the limit', () => {
    const [count] = countEmbeddingInputTokens({ kind: 'text', texts: ['word '.repeat(100_000)] }, 10);
    expect(count).toBeGreaterThan(10);
    expect(count).toBeLessThan(1000);
  });
});
