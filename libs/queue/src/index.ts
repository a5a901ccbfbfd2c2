export * from './redis/redis-options.util';
export * from './redis/create-redis.util';
export * from './usage/malformed-usage-event.error';
export * from './usage/parse-usage-event.util';
export * from './usage/usage-event.producer';
export * from './spool/usage-spool';
export * from './spool/usage-journal';
export * from './redis/lua-commands.util';
