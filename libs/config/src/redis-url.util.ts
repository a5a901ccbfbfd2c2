import { ValidateBy, buildMessage } from 'class-validator';

export interface RedisNode {
  readonly host: string;
  readonly port: number;
}

/** Where Redis is, as REDIS_URL names it: one server, or the seed nodes of a Redis Cluster. */
export type RedisTarget =
  | {
      readonly mode: 'standalone';
      readonly node: RedisNode;
      readonly db: number;
      readonly username?: string;
      readonly password?: string;
      readonly tls: boolean;
    }
  | {
      readonly mode: 'cluster';
      /** Seed nodes: the client discovers the rest; list several so a dead one is not the only way in. */
      readonly nodes: readonly RedisNode[];
      readonly username?: string;
      readonly password?: string;
      readonly tls: boolean;
    };

const SCHEMES: Record<string, { mode: RedisTarget['mode']; tls: boolean }> = {
  'redis:': { mode: 'standalone', tls: false },
  'rediss:': { mode: 'standalone', tls: true },
  'redis+cluster:': { mode: 'cluster', tls: false },
  'rediss+cluster:': { mode: 'cluster', tls: true },
};
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/;

function nodeOf(text: string, url: string): RedisNode {
  const match = HOST_PORT.exec(text);
  const port = match?.[2] ? Number(match[2]) : 6379;
  if (!match || port < 1 || port > 65535) throw new RangeError(`Not a Redis node (host[:port]): "${text}" in ${url}`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/**
 * Reads REDIS_URL: `redis://[user:password@]host[:port][/db]` (`rediss://` for TLS) for one
 * server, or `redis+cluster://[user:password@]host:port,host:port,…` (`rediss+cluster://`) for
 * a Redis Cluster, which has no databases. Throws a RangeError saying what is wrong.
 */
export function parseRedisUrl(url: string): RedisTarget {
  const scheme = /^([a-z+]+:)\/\/(.*)$/s.exec(url);
  const kind = scheme && SCHEMES[scheme[1]];
  if (!scheme || !kind)
    throw new RangeError('Not a Redis URL: use redis://, rediss://, redis+cluster:// or rediss+cluster://');
  // `[user[:password]@]hosts[/path]`: the credentials end at the last `@`, the user at their first `:`.
  const at = scheme[2].lastIndexOf('@');
  const credentials = at < 0 ? '' : scheme[2].slice(0, at);
  const colon = credentials.indexOf(':');
  const rawUser = colon < 0 ? credentials : credentials.slice(0, colon);
  const username = rawUser ? decodeURIComponent(rawUser) : undefined;
  const password =
    colon < 0 || colon === credentials.length - 1 ? undefined : decodeURIComponent(credentials.slice(colon + 1));
  const rest = scheme[2].slice(at + 1);
  const slash = rest.indexOf('/');
  const hosts = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash + 1);
  if (kind.mode === 'cluster') {
    if (path) throw new RangeError(`A Redis Cluster has no databases: drop "/${path}" from ${url}`);
    const nodes = hosts.split(',').map((text) => nodeOf(text, url));
    return { mode: 'cluster', nodes, username, password, tls: kind.tls };
  }
  if (!/^\d*$/.test(path)) throw new RangeError(`Not a Redis database number: "/${path}" in ${url}`);
  return {
    mode: 'standalone',
    node: nodeOf(hosts || '127.0.0.1', url),
    db: Number(path || 0),
    username,
    password,
    tls: kind.tls,
  };
}

/** Validates a REDIS_URL property of an env DTO with parseRedisUrl, quoting its reason. */
export function IsRedisUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isRedisUrl',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        try {
          parseRedisUrl(value);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: buildMessage(
        (each) =>
          `${each}$property must be redis://host[:port][/db], rediss://…, or redis+cluster://host:port,host:port,… (rediss+cluster:// for TLS)`,
      ),
    },
  });
}
