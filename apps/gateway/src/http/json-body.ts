import type { IncomingMessage } from 'node:http';
import { SwitchyardError } from '@switchyard/contracts';

/** The answers to a body that cannot be used, the same from express's parser and from readJsonBody. */
export const bodyErrors = {
  tooLarge: (limitBytes: number) =>
    new SwitchyardError('payload_too_large', `Request body exceeds the limit of ${limitBytes} bytes.`),
  notJson: () => new SwitchyardError('invalid_json', 'We could not parse the JSON body of your request.'),
  unreadable: () => new SwitchyardError('invalid_request', 'The request body could not be read.'),
};

const PLAIN_JSON = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * A body readJsonBody reads exactly as express's JSON parser would: JSON in UTF-8, not compressed.
 * Anything else (gzip, other charsets, `+json` types) is left to that parser.
 */
export function isPlainJsonBody(req: Pick<IncomingMessage, 'headers'>): boolean {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const type = req.headers['content-type'];
  return type !== undefined && PLAIN_JSON.test(type);
}

/**
 * Reads and parses a JSON body of at most `limitBytes` (any JSON value, as express's non-strict
 * parser; an empty body is `{}`). A declared length over the limit is refused before reading.
 */
export function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes) {
    req.resume();
    return Promise.reject(bodyErrors.tooLarge(limitBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const fail = (err: SwitchyardError) => {
      failed = true;
      chunks.length = 0;
      reject(err);
    };
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limitBytes) return fail(bodyErrors.tooLarge(limitBytes));
      chunks.push(chunk);
    });
    let ended = false;
    req.on('error', () => failed || fail(bodyErrors.unreadable()));
    // A client that hangs up mid-body may end the stream with neither 'error' nor 'end'.
    req.on('close', () => ended || failed || fail(bodyErrors.unreadable()));
    req.on('end', () => {
      ended = true;
      if (failed) return;
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)).toString('utf8');
      if (text.length === 0) return resolve({});
      try {
        // A byte order mark is allowed before the JSON, as express's decoder drops it.
        resolve(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
      } catch {
        fail(bodyErrors.notJson());
      }
    });
  });
}
