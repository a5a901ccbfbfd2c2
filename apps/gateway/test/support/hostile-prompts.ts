import { randomBytes } from 'node:crypto';

/** Prompts that are dear to count, and inputs that are dear to price: each one new, so no cache answers for it. */

let words = 0;

/** One word of `bytes` letters no earlier call returned (its last letters count the calls). */
export function uniqueWord(bytes: number): string {
  const tag = [...(words++).toString(26).padStart(6, '0')].map((d) => String.fromCharCode(97 + parseInt(d, 26)));
  return 'a'.repeat(bytes - tag.length) + tag.join('');
}

/** `bytes` of random lowercase words of `letters` letters, one space between them. */
export function uniqueWords(bytes: number, letters: number): string {
  const text = randomBytes(bytes);
  for (let i = 0; i < text.length; i++) text[i] = i % (letters + 1) === letters ? 0x20 : 0x61 + (text[i] % 26);
  return text.toString('latin1');
}

/**
 * `count` user messages of one-word text: 3 JSON elements each (the object, its second member, the
 * array item), or with `parts`, that many text parts of 3 elements each plus the message's 4.
 */
export function tinyMessages(count: number, parts = 0): Array<{ role: 'user'; content: unknown }> {
  const text = (i: number) => (i % 2 ? 'hi' : 'yo');
  return Array.from({ length: count }, (_, i) => ({
    role: 'user' as const,
    content: parts === 0 ? text(i) : Array.from({ length: parts }, (_, j) => ({ type: 'text', text: text(i + j) })),
  }));
}

const base64Url = (mediaType: string, bytes: Buffer) => `data:${mediaType};base64,${bytes.toString('base64')}`;

/** A PNG signature and an IHDR chunk stating `width` × `height`, and nothing else (no pixel data, no CRC check). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}

/** A JPEG that is nothing but `segments` empty APP1 segments after its start marker: no frame header to find. */
function jpegOfSegments(segments: number): Buffer {
  const segment = Buffer.from([0xff, 0xe1, 0x00, 0x02]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), ...Array<Buffer>(segments).fill(segment)]);
}

/** Image URLs a hostile client sends: each one is either refused or priced, never trusted to be cheap. */
export const hostileImageUrls = (): string[] => [
  base64Url('image/png', pngHeader(0xffffffff, 0xffffffff)), // 4 billion pixels a side
  base64Url('image/png', pngHeader(0, 0)),
  base64Url('image/png', Buffer.alloc(3 * 2 ** 20)), // 4 MB of "AAAA": a PNG's media type, no PNG
  base64Url('image/jpeg', jpegOfSegments(200_000)), // a frame header past any sane search
  `data:image/png;${'x=y;'.repeat(250_000)}base64,${pngHeader(64, 64).toString('base64')}`, // a 1 MB media type
  `data:image/png;base64,${'!@#$'.repeat(100_000)}`, // not base64
  `data:image/png;base64,${pngHeader(64, 64)
    .toString('base64')
    .replace(/(.{4})/g, '$1\n ')}`, // base64 with breaks
  'data:image/gif;base64,R0lGODlh', // a GIF signature and nothing more
  'data:,',
];
