import { jpegDataUrl, pngDataUrl } from './image-headers.test-util';
import { countImageTokens, IMAGE_BASE_TOKENS, imageTiles, MAX_IMAGE_TOKENS } from './image-tokens.util';

/** OpenAI's resizing done the long way, in floating point: the reference for the integer version. */
function tilesByTheSteps(width: number, height: number): number {
  let [w, h] = [width, height];
  const fit = Math.min(1, 2048 / Math.max(w, h));
  [w, h] = [w * fit, h * fit];
  const shrink = Math.min(1, 768 / Math.min(w, h));
  [w, h] = [w * shrink, h * shrink];
  return Math.ceil(w / 512 - 1e-9) * Math.ceil(h / 512 - 1e-9);
}

describe(imageTiles.name, () => {
  it.each([
    // OpenAI's worked examples: 1024² → 768² (4 tiles); 2048 × 4096 → 1024 × 2048 → 768 × 1536 (6 tiles).
    [1024, 1024, 4],
    [2048, 4096, 6],
    [512, 512, 1],
    [513, 512, 2],
    [100, 100, 1],
    [2048, 768, 8],
    [4096, 1000, 4],
    [1, 100_000, 4],
  ])('cuts %i × %i into %i tiles', (width, height, tiles) => {
    expect(imageTiles({ width, height })).toBe(tiles);
    expect(imageTiles({ width: height, height: width })).toBe(tiles);
  });

  it('agrees with the step-by-step resizing, and never passes 8 tiles', () => {
    let seed = 11;
    const side = () => 1 + ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 9_000);
    for (let i = 0; i < 20_000; i++) {
      const [width, height] = [side(), side()];
      const tiles = imageTiles({ width, height });
      expect(tiles).toBe(tilesByTheSteps(width, height));
      expect(tiles).toBeLessThanOrEqual(8);
    }
  });
});

describe(countImageTokens.name, () => {
  it('prices a low-detail image at 85 tokens whatever its size', () => {
    expect(countImageTokens({ url: pngDataUrl(4096, 4096), detail: 'low' })).toBe(IMAGE_BASE_TOKENS);
    expect(countImageTokens({ url: 'https://example.com/cat.png', detail: 'low' })).toBe(85);
  });

  it.each(['high', 'auto', undefined] as const)('prices detail %s by the tiles of a size it can read', (detail) => {
    expect(countImageTokens({ url: pngDataUrl(1024, 1024), detail })).toBe(765);
    expect(countImageTokens({ url: jpegDataUrl(2048, 4096), detail })).toBe(1105);
  });

  it('prices an image whose size it cannot read at the most an image costs', () => {
    expect(MAX_IMAGE_TOKENS).toBe(1445);
    expect(countImageTokens({ url: 'https://example.com/cat.png', detail: 'high' })).toBe(MAX_IMAGE_TOKENS);
    expect(countImageTokens({ url: 'data:image/png;base64,iVBORw0K' })).toBe(MAX_IMAGE_TOKENS);
  });
});
