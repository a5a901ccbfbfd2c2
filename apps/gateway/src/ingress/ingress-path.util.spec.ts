import { ingressPathOf } from './ingress-path.util';

const ROUTE = '/v1/chat/completions';

describe('ingressPathOf', () => {
  it.each([
    ['the route itself', ROUTE],
    ['a query string', `${ROUTE}?trace=1`],
    ['a trailing slash', `${ROUTE}/`],
    ['a trailing slash and a query string', `${ROUTE}/?a=b`],
    ['other letter cases', '/V1/Chat/Completions'],
    ['an absolute-form URL', `http://127.0.0.1:3000${ROUTE}?x=1`],
  ])('reads %s as the route, as express matched it', (_case, url) => {
    expect(ingressPathOf(url)).toBe(ROUTE);
  });

  it.each([
    ['another route', '/v1/models'],
    ['a longer path', `${ROUTE}/extra`],
    ['two trailing slashes', `${ROUTE}//`],
    ['a doubled slash', `/${ROUTE}`],
    ['an encoded letter', '/v1/chat/%63ompletions'],
    ['a prefix of the route', '/v1/chat/completion'],
    ['garbage', 'http://[::1'],
  ])('reads %s as another path', (_case, url) => {
    expect(ingressPathOf(url)).not.toBe(ROUTE);
  });
});
