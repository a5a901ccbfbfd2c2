import { dataUrlImageSize } from './image-size.util';
import { gifDataUrl, jpegDataUrl, pngBytes, pngDataUrl, webpDataUrl } from './image-headers.test-util';

describe(dataUrlImageSize.name, () => {
  it.each([
    ['PNG', pngDataUrl(1000, 600)],
    ['GIF (the logical screen)', gifDataUrl(1000, 600)],
    ['JPEG', jpegDataUrl(1000, 600)],
    ['JPEG behind a 60 KB EXIF segment', jpegDataUrl(1000, 600, 60_000)],
    ['lossy WebP', webpDataUrl('VP8 ', 1000, 600)],
    ['lossless WebP', webpDataUrl('VP8L', 1000, 600)],
    ['extended WebP', webpDataUrl('VP8X', 1000, 600)],
  ])('reads the size of a %s from its header', (_format, url) => {
    expect(dataUrlImageSize(url)).toEqual({ width: 1000, height: 600 });
  });

  it('reads the largest sides each format can state', () => {
    expect(dataUrlImageSize(webpDataUrl('VP8L', 16_384, 16_384))).toEqual({ width: 16_384, height: 16_384 });
    expect(dataUrlImageSize(webpDataUrl('VP8X', 1 << 24, 3))).toEqual({ width: 1 << 24, height: 3 });
    expect(dataUrlImageSize(jpegDataUrl(65_535, 65_535))).toEqual({ width: 65_535, height: 65_535 });
  });

  it('goes by the bytes, not the media type, and accepts parameters before base64', () => {
    const png = pngBytes(30, 40).toString('base64');
    expect(dataUrlImageSize(`data:image/jpeg;base64,${png}`)).toEqual({ width: 30, height: 40 });
    expect(dataUrlImageSize(`DATA:image/png;name=cat.png;BASE64,${png}`)).toEqual({ width: 30, height: 40 });
  });

  it.each([
    ['an https URL', 'https://example.com/cat.png'],
    ['a data URL that is not base64', 'data:image/png,%89PNG'],
    ['bytes of no known format', 'data:image/png;base64,' + 'A'.repeat(10_000)],
    ['a header cut short', pngDataUrl(10, 10).slice(0, 40)],
    ['whitespace inside the header', pngDataUrl(10, 10).replace(/^(.{30})/, '$1\n')],
    ['a JPEG whose scan starts before any frame header', 'data:image/jpeg;base64,/9j/2gAIAQEAAD8A'],
    ['a zero-width image', pngDataUrl(0, 10)],
  ])('knows nothing of %s', (_case, url) => {
    expect(dataUrlImageSize(url)).toBeUndefined();
  });

  it('reads a few bytes of a huge payload, not all of it', () => {
    const url = pngDataUrl(800, 600) + 'A'.repeat(20 * 1024 * 1024);
    const started = performance.now();
    expect(dataUrlImageSize(url)).toEqual({ width: 800, height: 600 });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2_000; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => random() * 256));
      // Give half of them a real signature, so the readers past it run on garbage too.
      const head = [pngBytes(1, 1).subarray(0, 16), Buffer.from('GIF89a'), Buffer.from([0xff, 0xd8, 0xff])][i % 3];
      const url = `data:image/png;base64,${Buffer.concat([i % 2 ? head : Buffer.alloc(0), bytes]).toString('base64')}`;
      const size = dataUrlImageSize(url);
      if (size) expect(size.width >= 1 && size.height >= 1).toBe(true);
    }
  });
});
