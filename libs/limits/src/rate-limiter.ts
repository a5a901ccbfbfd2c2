import { join } from 'node:path';
import { LuaCommands, type RedisClient } from '@switchyard/queue';
import type { RateLimitBucket, RateLimitDecision, RateLimiterOptions, RateLimits } from './rate-limit.types';

/** lua/rate-limit-4.lua (its header: the KEYS/ARGV contract), resolved next to this file for src/ and dist/. */
const COMMANDS = new LuaCommands(join(__dirname, 'lua'), ['rateLimit'] as const);
const EXCEEDED: Record<number, 'requests' | 'tokens'> = { 1: 'requests', 2: 'tokens', 3: 'requests', 4: 'tokens' };

/**
 * Per-key and per-team requests-per-minute and tokens-per-minute limits, shared by every gateway
 * through Redis. Fixed windows aligned to the Redis clock: one atomic script per request, exact
 * within a window (a client may burst up to twice its limit across a window boundary, the price
 * of O(1) state per counter; see README "Rate limits").
 */
export class RateLimiter {
  private readonly keyPrefix: string;
  private readonly windowMs: string;

  constructor(
    private readonly redis: RedisClient,
    options: RateLimiterOptions,
  ) {
    if (options.keyPrefix.includes('{'))
      throw new RangeError("keyPrefix must not contain '{' (the team id is the hash tag)");
    COMMANDS.define(redis);
    this.keyPrefix = options.keyPrefix;
    this.windowMs = String(options.windowMs ?? 60_000);
  }

  /** True when any counter applies, so callers can skip the round trip for unlimited keys. */
  static applies(limits: RateLimits): boolean {
    return Boolean(limits.keyRpm || limits.keyTpm || limits.teamRpm || limits.teamTpm);
  }

  /** Counts one request of `tokens` (estimated) tokens if every limit allows it; counts nothing otherwise. */
  async consume(teamId: string, keyId: string, limits: RateLimits, tokens: number): Promise<RateLimitDecision> {
    return this.decide(await this.run(teamId, keyId, limits, tokens, false));
  }

  /** Adds tokens learnt after the answer (the completion) to the token counters; never refuses. */
  async addTokens(teamId: string, keyId: string, limits: RateLimits, tokens: number): Promise<void> {
    if (tokens <= 0 || !(limits.keyTpm || limits.teamTpm)) return;
    await this.run(teamId, keyId, limits, tokens, true);
  }

  private run(teamId: string, keyId: string, limits: RateLimits, tokens: number, extraOnly: boolean): Promise<unknown> {
    const base = `${this.keyPrefix}ratelimit:{${teamId}}:`;
    const keys = [`${base}key:${keyId}:rpm`, `${base}key:${keyId}:tpm`, `${base}team:rpm`, `${base}team:tpm`];
    const args = [
      this.windowMs,
      String(Math.max(0, Math.ceil(tokens))),
      limitArg(limits.keyRpm),
      limitArg(limits.keyTpm),
      limitArg(limits.teamRpm),
      limitArg(limits.teamTpm),
      extraOnly ? '1' : '0',
    ];
    return COMMANDS.run(this.redis, 'rateLimit', keys, args);
  }

  private decide(raw: unknown): RateLimitDecision {
    const reply = (raw as (number | string)[]).map(Number);
    const [allowed, exceededIndex, resetMs] = reply;
    const bucket = (i: number): RateLimitBucket | null => {
      const limit = reply[3 + 2 * i];
      return limit > 0 ? { limit, remaining: Math.max(0, limit - reply[4 + 2 * i]), resetMs } : null;
    };
    return {
      allowed: allowed === 1,
      requests: tightest(bucket(0), bucket(2)),
      tokens: tightest(bucket(1), bucket(3)),
      exceeded: EXCEEDED[exceededIndex] ?? null,
      retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
    };
  }
}

function limitArg(limit: number | null): string {
  return limit && limit > 0 ? String(Math.floor(limit)) : '0';
}

/** The counter closest to refusing is the one a client needs to see in the headers. */
function tightest(a: RateLimitBucket | null, b: RateLimitBucket | null): RateLimitBucket | null {
  if (!a) return b;
  if (!b) return a;
  return b.remaining < a.remaining ? b : a;
}
