export * from './validate-env';
export * from './env-flag.util';
export * from './deep-freeze.util';
export * from './service-env';
export * from './service-config';
export * from './tracing-config';
export * from './redis-url.util';
