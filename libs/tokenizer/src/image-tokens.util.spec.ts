import type { ImageTokenRule } from '@switchyard/contracts';
import { jpegDataUrl, pngDataUrl } from './image-headers.test-util';
import {
  GPT_4O_IMAGE_TOKENS,
  type ImageUrl,
  imageTiles,
  imageTokens,
  maxImageTokens,
  promptImage,
} from './image-tokens.util';

const gpt4o = (image: ImageUrl) => imageTokens(promptImage(image), GPT_4O_IMAGE_TOKENS);
const GPT_4O_MINI: ImageTokenRule = { kind: 'tiles', baseTokens: 2_833, tileTokens: 5_667 };
const GPT_41_NANO: ImageTokenRule = { kind: 'patches', milliTokensPerPatch: 2_460, maxPatches: 1_536 };
const CLAUDE: ImageTokenRule = { kind: 'pixels', pixelsPerToken: 750, maxTokens: 1_600 };
const UNKNOWN_SIZE = { url: 'https://example.com/cat.png' };

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

describe(imageTokens.name, () => {
  describe('tiles, under the GPT-4o rule', () => {
    it('prices a low-detail image at 85 tokens whatever its size', () => {
      expect(gpt4o({ url: pngDataUrl(4096, 4096), detail: 'low' })).toBe(85);
      expect(gpt4o({ ...UNKNOWN_SIZE, detail: 'low' })).toBe(85);
    });

    it.each(['high', 'auto', undefined] as const)('prices detail %s by the tiles of a size it can read', (detail) => {
      expect(gpt4o({ url: pngDataUrl(1024, 1024), detail })).toBe(765);
      expect(gpt4o({ url: jpegDataUrl(2048, 4096), detail })).toBe(1105);
    });

    it('prices an image whose size it cannot read at the most an image costs', () => {
      expect(maxImageTokens(GPT_4O_IMAGE_TOKENS)).toBe(1445);
      expect(gpt4o({ ...UNKNOWN_SIZE, detail: 'high' })).toBe(1445);
      expect(gpt4o({ url: 'data:image/png;base64,iVBORw0K' })).toBe(1445);
    });
  });

  it("prices tiles at gpt-4o-mini's rates: 2,833 a low-detail image, plus 5,667 a tile otherwise", () => {
    const image = (url: string, detail?: 'low') => imageTokens(promptImage({ url, detail }), GPT_4O_MINI);
    expect(image(pngDataUrl(4096, 4096), 'low')).toBe(2_833);
    expect(image(pngDataUrl(1024, 1024))).toBe(2_833 + 4 * 5_667);
    expect(image(UNKNOWN_SIZE.url)).toBe(2_833 + 8 * 5_667);
  });

  describe('patches, under the gpt-4.1-nano rule', () => {
    const nano = (url: string, detail?: 'low') => imageTokens(promptImage({ url, detail }), GPT_41_NANO);

    it('prices the 32 px patches covering the image, times 2.46, rounded up', () => {
      // OpenAI's example: 1024 × 1024 is 32 × 32 = 1,024 patches; 33 × 2 for 1,050 × 64.
      expect(nano(pngDataUrl(1024, 1024))).toBe(Math.ceil(1_024 * 2.46));
      expect(nano(pngDataUrl(1_050, 64))).toBe(Math.ceil(66 * 2.46));
      expect(nano(pngDataUrl(1, 1))).toBe(3);
    });

    it('prices an image over the patch cap, or of unknown size, at the cap, whatever its detail', () => {
      // OpenAI scales 1800 × 2400 down to 1,452 patches: priced at the cap's 1,536, never below.
      expect(nano(pngDataUrl(1_800, 2_400))).toBe(Math.ceil(1_536 * 2.46));
      expect(nano(UNKNOWN_SIZE.url, 'low')).toBe(3_779);
    });
  });

  describe('pixels, under the Claude rule', () => {
    const claude = (url: string, detail?: 'low') => imageTokens(promptImage({ url, detail }), CLAUDE);

    it('prices width × height / 750, rounded up, whatever the detail', () => {
      // Anthropic's table: 1000 × 1000 is about 1,334 tokens; 200 × 200 about 54.
      expect(claude(pngDataUrl(1_000, 1_000))).toBe(1_334);
      expect(claude(pngDataUrl(200, 200), 'low')).toBe(54);
    });

    it('prices an image over the cap, or of unknown size, at 1,600 tokens', () => {
      expect(claude(pngDataUrl(4_096, 4_096))).toBe(1_600);
      expect(claude(jpegDataUrl(65_535, 65_535))).toBe(1_600);
      expect(claude(UNKNOWN_SIZE.url)).toBe(1_600);
    });
  });
});
