import type { IncomingHttpHeaders } from 'node:http';
import { takenByChatLane } from './chat-completions.lane';

const json = { 'content-type': 'application/json' };
const request = (headers: IncomingHttpHeaders, url = '/v1/chat/completions', method = 'POST') => ({
  method,
  url,
  headers,
});

describe('takenByChatLane', () => {
  it.each([
    ['a JSON POST', request(json)],
    ['a JSON POST with a query string', request(json, '/v1/chat/completions?trace=1')],
    ['an explicit UTF-8 charset', request({ 'content-type': 'application/json; charset=UTF-8' })],
    ['a quoted charset', request({ 'content-type': 'application/json;charset="utf-8"' })],
    ['an identity content-encoding', request({ ...json, 'content-encoding': 'identity' })],
  ])('serves %s', (_case, req) => {
    expect(takenByChatLane(req, false)).toBe(true);
  });

  it.each([
    ['other methods', request(json, '/v1/chat/completions', 'GET')],
    ['other routes', request(json, '/v1/models')],
    ['other spellings of the route', request(json, '/v1/chat/completions/')],
    ['a compressed body', request({ ...json, 'content-encoding': 'gzip' })],
    ['another charset', request({ 'content-type': 'application/json; charset=latin1' })],
    ['a +json media type', request({ 'content-type': 'application/vnd.api+json' })],
    ['no content type', request({})],
    ['text', request({ 'content-type': 'text/plain' })],
  ])('hands on %s', (_case, req) => {
    expect(takenByChatLane(req, false)).toBe(false);
  });

  it('hands on calls with an Origin only when CORS is configured', () => {
    const req = request({ ...json, origin: 'https://app.example' });
    expect(takenByChatLane(req, false)).toBe(true);
    expect(takenByChatLane(req, true)).toBe(false);
    expect(takenByChatLane(request(json), true)).toBe(true);
  });
});
