import { parseRedisUrl } from './redis-url.util';
import { ServiceEnv } from './service-env';
import { ConfigError, validateEnv } from './validate-env';

describe(parseRedisUrl.name, () => {
  it('reads one server: host, port, credentials, database and TLS', () => {
    expect(parseRedisUrl('rediss://user:p%40ss@cache.internal:6380/2')).toEqual({
      mode: 'standalone',
      node: { host: 'cache.internal', port: 6380 },
      db: 2,
      username: 'user',
      password: 'p@ss',
      tls: true,
    });
  });

  it('defaults the port and database of one server', () => {
    expect(parseRedisUrl('redis://cache')).toEqual({
      mode: 'standalone',
      node: { host: 'cache', port: 6379 },
      db: 0,
      username: undefined,
      password: undefined,
      tls: false,
    });
  });

  it('reads the seed nodes of a cluster, with a password and no user', () => {
    expect(parseRedisUrl('rediss+cluster://:secret@10.0.0.1:7000,redis-1.internal:7001,[::1]')).toEqual({
      mode: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-1.internal', port: 7001 },
        { host: '::1', port: 6379 },
      ],
      username: undefined,
      password: 'secret',
      tls: true,
    });
  });

  it.each([
    ['another scheme', 'http://127.0.0.1:6379'],
    ['a cluster with a database', 'redis+cluster://127.0.0.1:7000/1'],
    ['a cluster with an empty node', 'redis+cluster://127.0.0.1:7000,,127.0.0.1:7001'],
    ['a port out of range', 'redis://127.0.0.1:70000'],
    ['a database that is not a number', 'redis://127.0.0.1:6379/cache'],
  ])('refuses %s', (_, url) => {
    expect(() => parseRedisUrl(url)).toThrow(RangeError);
  });
});

describe('ServiceEnv REDIS_URL', () => {
  it('takes a cluster URL', () => {
    const env = validateEnv(ServiceEnv, { REDIS_URL: 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001' });
    expect(env.REDIS_URL).toBe('redis+cluster://127.0.0.1:7000,127.0.0.1:7001');
  });

  it('names every accepted form when the URL is not one', () => {
    expect(() => validateEnv(ServiceEnv, { REDIS_URL: 'redis+cluster://' })).toThrow(ConfigError);
    expect(() => validateEnv(ServiceEnv, { REDIS_URL: 'redis+cluster://' })).toThrow(/redis\+cluster:\/\/host:port/);
  });
});
