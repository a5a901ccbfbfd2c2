import { Redis, type RedisOptions } from 'ioredis';
import type { RedisNode } from '@switchyard/config';

/**
 * A plain connection to one node of a Redis Cluster that moves on to the next seed node each time
 * it reconnects, so a subscription outlives the node it was on (a killed master, a drained pod).
 * Classic PUBLISH is broadcast over the cluster bus to every node, masters and replicas alike, so
 * a subscriber on any node hears every message (sharded SPUBLISH would reach only the channel's
 * shard, which is why the publishers use PUBLISH). ioredis' own Cluster subscriber would also move,
 * but silently, without the socket timeout and without the 'close' and 'ready' events that let
 * RedisSubscription ping a silent socket and report a resubscription (messages may have been missed).
 *
 * ioredis calls retryStrategy as a method of the connection's own options, the object its connector
 * dials from, so pointing `this` at another node is where the next attempt goes
 * (rotating-node-connection.int-spec proves it against a real cluster).
 */
export function rotatingNodeConnection(nodes: readonly RedisNode[], options: RedisOptions): Redis {
  const retry = options.retryStrategy ?? (() => 100);
  let current = 0;
  return new Redis({
    ...options,
    host: nodes[0].host,
    port: nodes[0].port,
    retryStrategy(this: RedisOptions, attempt: number) {
      current = (current + 1) % nodes.length;
      this.host = nodes[current].host;
      this.port = nodes[current].port;
      // Straight to the next node after the first failure; back off once every node was tried.
      return attempt <= nodes.length ? 0 : retry(attempt - nodes.length);
    },
  });
}
