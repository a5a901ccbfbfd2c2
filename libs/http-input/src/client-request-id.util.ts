/** A request id a client may choose: short, and only characters safe in a header, a log line and a URL. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's x-request-id when it is sane (at most 128 of [A-Za-z0-9._:-]), else null: never echoed as sent. */
export function clientRequestIdOf(header: string | string[] | undefined): string | null {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : null;
}
