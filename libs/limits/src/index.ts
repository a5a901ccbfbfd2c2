export * from './rate-limit.types';
export * from './rate-limiter';
export * from './rate-limit-headers.util';
