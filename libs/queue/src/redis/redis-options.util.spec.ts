import { redisOptions } from './redis-options.util';

describe(redisOptions.name, () => {
  it('reads host, port, credentials and database from the URL', () => {
    expect(redisOptions('redis://user:p%40ss@cache.internal:6380/2', 'client')).toMatchObject({
      host: 'cache.internal',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: undefined,
    });
  });

  it('defaults the port and database and enables TLS for rediss://', () => {
    expect(redisOptions('rediss://cache', 'client')).toMatchObject({ host: 'cache', port: 6379, db: 0, tls: {} });
  });

  it('makes producers fail fast instead of queueing commands offline', () => {
    expect(redisOptions('redis://127.0.0.1:6379', 'producer')).toMatchObject({ enableOfflineQueue: false });
  });

  it('gives workers the unlimited retries BullMQ requires', () => {
    expect(redisOptions('redis://127.0.0.1:6379', 'worker').maxRetriesPerRequest).toBeNull();
  });

  it('gives subscribers keep-alive and a socket timeout, so a silently dead connection is given up', () => {
    expect(redisOptions('redis://127.0.0.1:6379', 'subscriber')).toMatchObject({
      keepAlive: 10_000,
      socketTimeout: 5000,
    });
  });

  it('rejects URLs that are not Redis URLs', () => {
    expect(() => redisOptions('http://127.0.0.1:6379', 'client')).toThrow(RangeError);
  });
});
