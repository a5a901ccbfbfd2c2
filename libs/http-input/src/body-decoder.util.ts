import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { bodyErrors } from './body-errors';

/**
 * The stream that turns a body sent with `Content-Encoding` back into its bytes (the encodings
 * express's body parser took: gzip, deflate, br), or null for one sent as is. zlib inflates on the
 * thread pool, not the event loop; the reader counts what comes out against the body limit and
 * destroys the stream the moment it is passed, so a bomb costs at most the limit's worth of work.
 */
export function bodyDecoderFor(contentEncoding: string | undefined): Transform | null {
  if (contentEncoding === undefined) return null;
  switch (contentEncoding.trim().toLowerCase()) {
    case 'identity':
    case '':
      return null;
    case 'gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw bodyErrors.unsupportedEncoding(contentEncoding);
  }
}
