import { listeningUrlOf } from './listening-url.util';

describe('listeningUrlOf', () => {
  it.each([
    [{ address: '127.0.0.1', family: 'IPv4', port: 3000 }, 'http://127.0.0.1:3000'],
    [{ address: '0.0.0.0', family: 'IPv4', port: 3000 }, 'http://0.0.0.0:3000'],
    [{ address: '::', family: 'IPv6', port: 3001 }, 'http://[::]:3001'],
    ['/tmp/gateway.sock', 'unix:/tmp/gateway.sock'],
    [null, 'nowhere (not listening)'],
  ])('names %j as %s', (address, url) => {
    expect(listeningUrlOf(address)).toBe(url);
  });
});
