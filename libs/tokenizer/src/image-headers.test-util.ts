import { crc32, deflateSync } from 'node:zlib';

/** Images for the specs, as base64 data URLs, built to each format's spec (no image library here). */

const dataUrl = (mediaType: string, bytes: Buffer): string => `data:${mediaType};base64,${bytes.toString('base64')}`;
const u16le = (n: number) => Buffer.from([n & 0xff, n >> 8]);
const u16be = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u24le = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff, n >> 16]);

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A complete, decodable PNG: 1-bit grayscale, all black. */
export function pngBytes(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, no filter, no interlace
  const rows = Buffer.alloc(height * (1 + Math.ceil(width / 8))); // filter byte 0, then black pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const pngDataUrl = (width: number, height: number): string => dataUrl('image/png', pngBytes(width, height));

/** A complete GIF89a: a `width` × `height` screen holding one 1 × 1 frame. */
export function gifDataUrl(width: number, height: number): string {
  const bytes = Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    u16le(width),
    u16le(height),
    Buffer.from([0x80, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00]), // 2-colour global table
    Buffer.from([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0]), // image descriptor: 1 × 1 at (0, 0)
    Buffer.from([0x02, 0x02, 0x44, 0x01, 0x00, 0x3b]), // LZW data, trailer
  ]);
  return dataUrl('image/gif', bytes);
}

function jpegSegment(marker: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16be(payload.length + 2), payload]);
}

/**
 * A JPEG's marker stream up to its scan: JFIF APP0, an APP1 of `exifBytes` (EXIF and ICC
 * profiles put kilobytes before the frame header), a quantisation table, the baseline frame
 * header, then the start of scan. The entropy-coded data after it is not needed to read the size.
 */
export function jpegDataUrl(width: number, height: number, exifBytes = 64): string {
  const bytes = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    jpegSegment(0xe1, Buffer.alloc(exifBytes, 0x45)),
    jpegSegment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)])),
    jpegSegment(0xc0, Buffer.concat([Buffer.from([8]), u16be(height), u16be(width), Buffer.from([1, 1, 0x11, 0])])),
    jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x00, 0xff, 0xd9]),
  ]);
  return dataUrl('image/jpeg', bytes);
}

function riff(chunk: string, payload: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(chunk, 'latin1'), Buffer.alloc(4), payload]);
  body.writeUInt32LE(payload.length, 4);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length + 4);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, Buffer.from('WEBP', 'latin1'), body]);
}

/** The headers of a WebP in each of its three layouts (the frame data after them is left out). */
export function webpDataUrl(layout: 'VP8 ' | 'VP8L' | 'VP8X', width: number, height: number): string {
  let payload: Buffer;
  if (layout === 'VP8 ') {
    payload = Buffer.concat([Buffer.from([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a]), u16le(width), u16le(height)]);
  } else if (layout === 'VP8L') {
    const bits = (width - 1) | ((height - 1) << 14); // 14 bits each, then alpha and version (0)
    payload = Buffer.from([0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]);
  } else {
    payload = Buffer.concat([Buffer.from([0x10, 0, 0, 0]), u24le(width - 1), u24le(height - 1)]);
  }
  return dataUrl('image/webp', riff(layout, payload));
}
