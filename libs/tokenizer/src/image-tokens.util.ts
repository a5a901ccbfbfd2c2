import type { ContentPart } from '@switchyard/contracts';
import { dataUrlImageSize, type ImageSize } from './image-size.util';

type ImageUrl = Extract<ContentPart, { type: 'image_url' }>['image_url'];

/**
 * OpenAI's published image cost for GPT-4o-class models (vision guide, "Calculating costs"):
 * `detail: "low"` is a flat 85 tokens; otherwise the image is fitted in 2048 × 2048, scaled
 * down so its short side is at most 768 px, and costs 85 plus 170 per 512 px tile.
 */
export const IMAGE_BASE_TOKENS = 85;
export const IMAGE_TILE_TOKENS = 170;
const TILE_PX = 512;
const FIT_PX = 2048;
const SHORT_SIDE_PX = 768;
/** The most one image can cost: the short side ends at most 768 px (2 tiles), the long one 2048 (4). */
export const MAX_IMAGE_TOKENS = IMAGE_BASE_TOKENS + IMAGE_TILE_TOKENS * 8;

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

/**
 * Prompt tokens of one image part. The pixels are never fetched: a base64 data URL's header
 * gives the size (PNG, JPEG, GIF, WebP); any other image is priced at the most an image can cost.
 */
export function countImageTokens(image: ImageUrl): number {
  if (image.detail === 'low') return IMAGE_BASE_TOKENS;
  const size = dataUrlImageSize(image.url);
  return size ? IMAGE_BASE_TOKENS + IMAGE_TILE_TOKENS * imageTiles(size) : MAX_IMAGE_TOKENS;
}
