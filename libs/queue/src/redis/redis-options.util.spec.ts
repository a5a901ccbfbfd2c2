import { clusterOptions, queuePrefix, redisOptions } from './redis-options.util';

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

describe(clusterOptions.name, () => {
  it('gives each node the role and credentials, and turns the offline queue off for producers', () => {
    const { nodes, options } = clusterOptions('rediss+cluster://:secret@10.0.0.1:7000,10.0.0.2:7001', 'producer');
    expect(nodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    expect(options).toMatchObject({ enableOfflineQueue: false, redisOptions: { password: 'secret', tls: {} } });
    expect(options.redisOptions).toMatchObject({ maxRetriesPerRequest: 1, connectionName: 'switchyard-producer' });
  });

  it('gives workers the unlimited retries BullMQ requires on every node', () => {
    expect(
      clusterOptions('redis+cluster://127.0.0.1:7000', 'worker').options.redisOptions?.maxRetriesPerRequest,
    ).toBeNull();
  });

  it('refuses a standalone URL, as redisOptions refuses a cluster one', () => {
    expect(() => clusterOptions('redis://127.0.0.1:6379', 'client')).toThrow(RangeError);
    expect(() => redisOptions('redis+cluster://127.0.0.1:7000', 'client')).toThrow(RangeError);
  });
});

describe(queuePrefix.name, () => {
  it('hash-tags the BullMQ prefix on a cluster, so the keys of a job script share one slot', () => {
    expect(queuePrefix('redis+cluster://127.0.0.1:7000', 'sy')).toBe('{sy}');
  });

  it('keeps the plain prefix on one server, where the queued jobs already live', () => {
    expect(queuePrefix('redis://127.0.0.1:6379', 'sy')).toBe('sy');
  });
});
