import { bodyErrors } from './body-errors';

/** application/json, or a structured-syntax type such as application/vnd.api+json (RFC 6839). */
const JSON_MEDIA_TYPE = /^application\/(?:[!#$%&'*.^`|~\w-]+\+)?json$/;
const UTF8 = /^"?utf-8"?$/i;

/**
 * Checks a request's Content-Type before its body is read: a JSON media type, in UTF-8 (the only
 * charset a JSON body is read in: RFC 8259 §8.1; a `charset` parameter may say so, and nothing
 * else). Throws an `unsupported_media_type` error (415) naming what is wrong.
 */
export function assertJsonContentType(header: string | undefined): void {
  if (header === 'application/json') return;
  if (header === undefined) throw bodyErrors.notJsonMediaType(undefined);
  const [type, ...parameters] = header.split(';');
  if (!JSON_MEDIA_TYPE.test(type.trim().toLowerCase())) throw bodyErrors.notJsonMediaType(header);
  for (const parameter of parameters) {
    const eq = parameter.indexOf('=');
    if (eq < 0 || parameter.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = parameter.slice(eq + 1).trim();
    if (!UTF8.test(charset)) throw bodyErrors.unsupportedCharset(charset);
  }
}
