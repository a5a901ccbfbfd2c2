/** An image's width and height in pixels, as its header states them. */
export interface ImageSize {
  width: number;
  height: number;
}

/** A byte of the image, or NaN past its end or where the payload is not plain base64. */
type ByteAt = (offset: number) => number;

/** The media type and its parameters come before `;base64,`; a longer head is not looked into. */
const DATA_URL_HEAD_CHARS = 256;
/** JPEG segments skipped in search of the frame header (APPn, DQT, DHT... usually under ten). */
const MAX_JPEG_SEGMENTS = 64;
/** 0xFF bytes allowed before a marker (padding; encoders write none or one). */
const MAX_JPEG_FILL_BYTES = 16;

const BASE64_VALUES = new Int8Array(128).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach((c, i) => {
  BASE64_VALUES[c.charCodeAt(0)] = i;
});
const NOT_BASE64 = /[^A-Za-z0-9+/]/;

/**
 * Decodes a base64 payload only where it is read: the 4 characters holding the byte. Offsets
 * are right only if nothing but base64 comes before them, so everything up to the furthest
 * character read is checked once (whitespace there, or padding before the end, stops the reading).
 */
function base64Bytes(payload: string): ByteAt {
  let end = payload.length;
  while (end > 0 && end > payload.length - 2 && payload.charCodeAt(end - 1) === 0x3d) end--; // '=' padding
  const byteLength = Math.floor((end * 3) / 4);
  let checkedTo = 0;
  let broken = false;
  return (offset) => {
    if (broken || !(offset < byteLength)) return Number.NaN;
    const at = Math.floor(offset / 3) * 4;
    const to = Math.min(at + 4, end);
    if (to > checkedTo) {
      broken = NOT_BASE64.test(payload.slice(checkedTo, to));
      checkedTo = to;
      if (broken) return Number.NaN;
    }
    let group = 0;
    for (let i = 0; i < 4; i++) group = group * 64 + (at + i < end ? BASE64_VALUES[payload.charCodeAt(at + i)] : 0);
    return Math.floor(group / 256 ** (2 - (offset % 3))) % 256;
  };
}

// Multiplying, not shifting, so a NaN byte makes the whole value NaN.
const be16 = (b: ByteAt, i: number) => b(i) * 0x100 + b(i + 1);
const be32 = (b: ByteAt, i: number) => be16(b, i) * 0x10000 + be16(b, i + 2);
const le16 = (b: ByteAt, i: number) => b(i) + b(i + 1) * 0x100;
const le24 = (b: ByteAt, i: number) => le16(b, i) + b(i + 2) * 0x10000;
const hasBytes = (b: ByteAt, i: number, bytes: readonly number[]) => bytes.every((v, k) => b(i + k) === v);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = ascii('IHDR');
const GIF = ascii('GIF8');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const VP8_START_CODE = [0x9d, 0x01, 0x2a];

/** PNG: the IHDR chunk comes first and holds both sides as 32-bit big-endian. */
function pngSize(b: ByteAt): ImageSize | undefined {
  if (!hasBytes(b, 0, PNG_SIGNATURE) || !hasBytes(b, 12, IHDR)) return undefined;
  return { width: be32(b, 16), height: be32(b, 20) };
}

/** GIF87a/89a: the logical screen, 16-bit little-endian, right after the signature. */
function gifSize(b: ByteAt): ImageSize | undefined {
  if (!hasBytes(b, 0, GIF) || (b(4) !== 0x37 && b(4) !== 0x39) || b(5) !== 0x61) return undefined;
  return { width: le16(b, 6), height: le16(b, 8) };
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X, the canvas of an animation). */
function webpSize(b: ByteAt): ImageSize | undefined {
  if (!hasBytes(b, 0, RIFF) || !hasBytes(b, 8, WEBP)) return undefined;
  const chunk = String.fromCharCode(b(12), b(13), b(14), b(15));
  if (chunk === 'VP8 ' && hasBytes(b, 23, VP8_START_CODE))
    return { width: le16(b, 26) % 0x4000, height: le16(b, 28) % 0x4000 };
  if (chunk === 'VP8L' && b(20) === 0x2f) {
    const bits = b(21) + b(22) * 0x100 + b(23) * 0x10000 + b(24) * 0x1000000;
    return { width: (bits % 0x4000) + 1, height: (Math.floor(bits / 0x4000) % 0x4000) + 1 };
  }
  if (chunk === 'VP8X') return { width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
  return undefined;
}

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);

/** JPEG: walks the segments (each states its length) to the first frame header. */
function jpegSize(b: ByteAt): ImageSize | undefined {
  if (b(0) !== 0xff || b(1) !== 0xd8) return undefined;
  let at = 2;
  for (let segment = 0; segment < MAX_JPEG_SEGMENTS; segment++) {
    if (b(at) !== 0xff) return undefined;
    for (let fill = 0; b(at + 1) === 0xff; fill++) {
      if (fill === MAX_JPEG_FILL_BYTES) return undefined;
      at++;
    }
    const marker = b(at + 1);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // the image ends or its scan starts: no frame header
    if (isStartOfFrame(marker)) return { width: be16(b, at + 7), height: be16(b, at + 5) };
    const length = be16(b, at + 2);
    if (!(length >= 2)) return undefined;
    at += 2 + length;
  }
  return undefined;
}

/**
 * The size a base64 `data:` URL's image header states (PNG, JPEG, GIF, WebP), read from a
 * few bytes without decoding the image; undefined when the URL is not one, or the header is
 * unknown, cut short or says 0. The format is taken from the bytes, not the media type.
 */
export function dataUrlImageSize(url: string): ImageSize | undefined {
  const head = url.slice(0, DATA_URL_HEAD_CHARS).toLowerCase();
  const marker = head.startsWith('data:') ? head.indexOf(';base64,') : -1;
  if (marker < 0) return undefined;
  const bytes = base64Bytes(url.slice(marker + ';base64,'.length));
  const size = pngSize(bytes) ?? jpegSize(bytes) ?? gifSize(bytes) ?? webpSize(bytes);
  if (!size || !(size.width >= 1 && size.height >= 1)) return undefined;
  return size;
}
