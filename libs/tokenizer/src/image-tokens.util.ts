import { type ContentPart, DEFAULT_IMAGE_TOKEN_RULES, type ImageTokenRule } from '@switchyard/contracts';
import { dataUrlImageSize, type ImageSize } from './image-size.util';

export type ImageUrl = Extract<ContentPart, { type: 'image_url' }>['image_url'];

/** What pricing an image needs to know of it, read once whatever the models it is priced for. */
export interface PromptImage {
  low: boolean;
  /** Undefined when the URL does not say (an https URL, an unknown or broken header). */
  size: ImageSize | undefined;
}

/** OpenAI's GPT-4o rule, the default where no model is named (the simulated provider, specs). */
export const GPT_4O_IMAGE_TOKENS = DEFAULT_IMAGE_TOKEN_RULES.openai;

// OpenAI's tiles (vision guide, "Calculating costs"): the image is fitted in 2048 × 2048, then
// scaled down so its short side is at most 768 px, and cut into 512 px tiles.
const TILE_PX = 512;
const FIT_PX = 2048;
const SHORT_SIDE_PX = 768;
/** The most tiles an image can have: the short side ends at most 768 px (2 tiles), the long one 2048 (4). */
const MAX_TILES = 8;
// OpenAI's patches (same guide): 32 px squares covering the image, which is scaled down to fit
// the model's cap when it needs more.
const PATCH_PX = 32;

const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

/**
 * The 512 px tiles of an image after OpenAI's resizing, in exact integer arithmetic: each side
 * is rounded up to a whole tile from its exact scaled length, never from a rounded one.
 */
export function imageTiles({ width, height }: ImageSize): number {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  // Short side still over 768 px after the 2048 px fit: it becomes 768 (2 tiles), the long side 768·long/short.
  if (short * FIT_PX > SHORT_SIDE_PX * Math.max(long, FIT_PX)) return 2 * ceilDiv(3 * long, 2 * short);
  if (long <= FIT_PX) return ceilDiv(long, TILE_PX) * ceilDiv(short, TILE_PX);
  // Fitted: the long side becomes 2048 (4 tiles), the short one 2048·short/long.
  return 4 * ceilDiv(4 * short, long);
}

/** An image part's detail and size. The pixels are never fetched: a base64 data URL's header gives the size. */
export function promptImage(image: ImageUrl): PromptImage {
  return { low: image.detail === 'low', size: dataUrlImageSize(image.url) };
}

/**
 * Prompt tokens of one image under a model's rule; an image whose size is unknown costs the
 * most the rule lets an image cost. A patch-capped image scaled down by OpenAI is priced at the
 * cap: at most a few percent above its scaled patches, never below.
 */
export function imageTokens(image: PromptImage, rule: ImageTokenRule): number {
  const { size } = image;
  switch (rule.kind) {
    case 'tiles':
      if (image.low) return rule.baseTokens;
      return rule.baseTokens + rule.tileTokens * (size ? imageTiles(size) : MAX_TILES);
    case 'patches': {
      const covering = size ? ceilDiv(size.width, PATCH_PX) * ceilDiv(size.height, PATCH_PX) : rule.maxPatches;
      return ceilDiv(Math.min(covering, rule.maxPatches) * rule.milliTokensPerPatch, 1000);
    }
    case 'pixels':
      // Past the cap the product may lose precision as a float; the cap is returned then anyway.
      return size ? Math.min(ceilDiv(size.width * size.height, rule.pixelsPerToken), rule.maxTokens) : rule.maxTokens;
  }
}

/** The most one image can cost under `rule`: what an image of unknown size is priced at. */
export const maxImageTokens = (rule: ImageTokenRule): number => imageTokens({ low: false, size: undefined }, rule);
