import { assertJsonContentType } from './json-content-type.util';

describe('assertJsonContentType', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset=UTF-8',
    'application/json; charset="utf-8"',
    'Application/JSON',
    'application/json; boundary=ignored',
    'application/vnd.api+json',
    'application/merge-patch+json; charset=utf-8',
  ])('takes %s', (header) => {
    expect(() => assertJsonContentType(header)).not.toThrow();
  });

  it.each([
    [undefined, 'Content-Type must be application/json.'],
    ['text/plain', 'Content-Type must be application/json, not "text/plain".'],
    [
      'application/x-www-form-urlencoded',
      'Content-Type must be application/json, not "application/x-www-form-urlencoded".',
    ],
    ['application/jsonp', 'Content-Type must be application/json, not "application/jsonp".'],
    ['text/json', 'Content-Type must be application/json, not "text/json".'],
    ['application/json; charset=latin1', 'Unsupported charset "latin1": send the JSON body in UTF-8.'],
    ['application/json; charset=utf-16', 'Unsupported charset "utf-16": send the JSON body in UTF-8.'],
    ['application/json; charset=klingon', 'Unsupported charset "klingon": send the JSON body in UTF-8.'],
    [`text/${'x'.repeat(5000)}`, `Content-Type must be application/json, not "text/${'x'.repeat(59)}…".`],
  ])('refuses %s with 415', (header, message) => {
    expect(() => assertJsonContentType(header)).toThrow(
      expect.objectContaining({ code: 'unsupported_media_type', message }),
    );
  });
});
