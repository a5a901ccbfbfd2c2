import { deepFreeze } from './deep-freeze.util';
import { envFlag } from './env-flag.util';
import { serviceConfigFrom } from './service-config';
import { ServiceEnv } from './service-env';
import { ConfigError, validateEnv } from './validate-env';

describe(serviceConfigFrom.name, () => {
  it('maps the defaults to the nested config every app starts from', () => {
    expect(serviceConfigFrom(validateEnv(ServiceEnv, {}))).toEqual({
      environment: 'development',
      database: { url: 'postgresql://postgres@127.0.0.1:5432/switchyard' },
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'sy' },
      logging: { level: 'info' },
      shutdown: { timeoutMs: 30_000 },
      cors: { origins: '' },
      docs: { enabled: true },
    });
  });

  it('reads DOCS_ENABLED as a boolean, false included', () => {
    expect(serviceConfigFrom(validateEnv(ServiceEnv, { DOCS_ENABLED: 'false' })).docs.enabled).toBe(false);
    expect(serviceConfigFrom(validateEnv(ServiceEnv, { DOCS_ENABLED: 'true' })).docs.enabled).toBe(true);
    expect(() => validateEnv(ServiceEnv, { DOCS_ENABLED: 'yes' })).toThrow(ConfigError);
  });

  it('logs at warn under test unless LOG_LEVEL says otherwise', () => {
    expect(serviceConfigFrom(validateEnv(ServiceEnv, { NODE_ENV: 'test' })).logging.level).toBe('warn');
    expect(serviceConfigFrom(validateEnv(ServiceEnv, { NODE_ENV: 'test', LOG_LEVEL: 'debug' })).logging.level).toBe(
      'debug',
    );
  });

  it('is frozen all the way down', () => {
    const config = serviceConfigFrom(validateEnv(ServiceEnv, { REDIS_PREFIX: 'stack-a' }));
    expect(Object.isFrozen(config) && Object.isFrozen(config.redis)).toBe(true);
    expect(() => {
      (config.redis as { prefix: string }).prefix = 'other';
    }).toThrow(TypeError);
  });
});

describe(envFlag.name, () => {
  it("never reads 'false' as true", () => {
    expect([envFlag('true'), envFlag('false')]).toEqual([true, false]);
  });
});

describe(deepFreeze.name, () => {
  it('freezes nested objects and arrays', () => {
    const frozen = deepFreeze({ a: { b: [1, { c: 2 }] } });
    expect([Object.isFrozen(frozen.a), Object.isFrozen(frozen.a.b), Object.isFrozen(frozen.a.b[1])]).toEqual([
      true,
      true,
      true,
    ]);
  });
});
