import { SwitchyardError } from '@switchyard/contracts';

/** A client's header value inside a message: quoted, and cut short so a long one is not echoed whole. */
const quoted = (value: string) => JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);

/** The answers to a request body that cannot be used. Messages are safe to show the client. */
export const bodyErrors = {
  tooLarge: (limitBytes: number) =>
    new SwitchyardError('payload_too_large', `Request body exceeds the limit of ${limitBytes} bytes.`),
  notJson: () => new SwitchyardError('invalid_json', 'We could not parse the JSON body of your request.'),
  unreadable: () => new SwitchyardError('invalid_request', 'The request body could not be read.'),
  notJsonMediaType: (type: string | undefined) =>
    new SwitchyardError(
      'unsupported_media_type',
      `Content-Type must be application/json${type ? `, not ${quoted(type)}` : ''}.`,
    ),
  unsupportedCharset: (charset: string) =>
    new SwitchyardError(
      'unsupported_media_type',
      `Unsupported charset ${quoted(charset)}: send the JSON body in UTF-8.`,
    ),
  unsupportedEncoding: (encoding: string) =>
    new SwitchyardError(
      'unsupported_media_type',
      `Unsupported Content-Encoding ${quoted(encoding)}: use gzip, deflate, br or none.`,
    ),
};
