import type { IncomingMessage } from 'node:http';
import type { SwitchyardError } from '@switchyard/contracts';
import { bodyErrors } from './body-errors';
import { bodyDecoderFor } from './body-decoder.util';
import { assertJsonContentType } from './json-content-type.util';
import { JsonShapeScanner, type JsonShapeLimits } from './json-shape.scanner';

export interface JsonBodyLimits extends JsonShapeLimits {
  /** Most bytes of the body, on the wire and once inflated. */
  limitBytes: number;
}

/**
 * Reads and parses a request's JSON body within `limits`: a JSON media type in UTF-8 (else 415),
 * gzip/deflate/br inflated, at most `limitBytes` (413, before reading when the declared length
 * says so, else the moment the count passes it, inflated bytes included), depth and element count
 * checked on the bytes as they arrive (400), then one JSON.parse. As express's non-strict parser:
 * any JSON value, a byte order mark dropped, an empty body is `{}`. Rejects with a SwitchyardError;
 * whatever of the body is left unread is the caller's to discard (discardBody).
 */
export function readJsonBody(req: IncomingMessage, limits: JsonBodyLimits): Promise<unknown> {
  try {
    assertJsonContentType(req.headers['content-type']);
    if (Number(req.headers['content-length']) > limits.limitBytes) throw bodyErrors.tooLarge(limits.limitBytes);
    return collect(req, limits);
  } catch (err) {
    return Promise.reject(err);
  }
}

function collect(req: IncomingMessage, limits: JsonBodyLimits): Promise<unknown> {
  const decoder = bodyDecoderFor(req.headers['content-encoding']);
  const scanner = new JsonShapeScanner(limits);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let wireSize = 0;
    let settled = false;
    const fail = (err: SwitchyardError) => {
      if (settled) return;
      settled = true;
      chunks.length = 0;
      if (decoder) {
        req.unpipe(decoder);
        decoder.destroy();
      }
      reject(err);
    };
    const take = (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limits.limitBytes) return fail(bodyErrors.tooLarge(limits.limitBytes));
      try {
        scanner.write(chunk);
      } catch (err) {
        return fail(err as SwitchyardError);
      }
      chunks.push(chunk);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString('utf8');
      chunks.length = 0;
      if (text.length === 0) return resolve({});
      try {
        // A byte order mark is allowed before the JSON, as express's decoder drops it.
        resolve(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
      } catch {
        reject(bodyErrors.notJson());
      }
    };
    // (Checked before an error is built: building one costs microseconds, on every request.)
    req.on('error', () => settled || fail(bodyErrors.unreadable()));
    // A client that hangs up mid-body may end the stream with neither 'error' nor 'end'.
    req.on('close', () => settled || req.complete || fail(bodyErrors.unreadable()));
    if (!decoder) {
      req.on('data', take);
      req.on('end', finish);
      return;
    }
    req.on('data', (chunk: Buffer) => {
      wireSize += chunk.length;
      if (wireSize > limits.limitBytes && !settled) fail(bodyErrors.tooLarge(limits.limitBytes));
    });
    decoder.on('data', take);
    decoder.on('end', finish);
    // A corrupt stream (bad header, truncated data) is a body that cannot be read.
    decoder.on('error', () => settled || fail(bodyErrors.unreadable()));
    req.pipe(decoder);
  });
}
