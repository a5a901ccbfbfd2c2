import {
  InvalidJsonError,
  InvalidRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '@switchyard/contracts';

/** A client's header value inside a message: quoted, and cut short so a long one is not echoed whole. */
const quoted = (value: string) => JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);

/** The answers to a request body that cannot be used. Messages are safe to show the client. */
export const bodyErrors = {
  tooLarge: (limitBytes: number) => new PayloadTooLargeError(`Request body exceeds the limit of ${limitBytes} bytes.`),
  notJson: () => new InvalidJsonError(),
  unreadable: () => new InvalidRequestError('The request body could not be read.'),
  notJsonMediaType: (type: string | undefined) =>
    new UnsupportedMediaTypeError(`Content-Type must be application/json${type ? `, not ${quoted(type)}` : ''}.`),
  unsupportedCharset: (charset: string) =>
    new UnsupportedMediaTypeError(`Unsupported charset ${quoted(charset)}: send the JSON body in UTF-8.`),
  unsupportedEncoding: (encoding: string) =>
    new UnsupportedMediaTypeError(`Unsupported Content-Encoding ${quoted(encoding)}: use gzip, deflate, br or none.`),
};
