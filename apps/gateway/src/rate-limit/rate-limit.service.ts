import type { ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RateLimitExceededError } from '@switchyard/contracts';
import type { AuthenticatedKey } from '@switchyard/keys';
import { RateLimiter, rateLimitHeaders, type RateLimits } from '@switchyard/limits';
import { GatewayMetrics } from '@switchyard/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';

/**
 * Per-key and per-team RPM/TPM. Runs after authentication and planning (the prompt token
 * estimate is known) and before the credit hold, so a 429 never holds or bills anything.
 * The completion's tokens are added once its usage is recorded (tpm-accounting.hook.ts).
 */
@Injectable()
export class RateLimitService {
  private readonly logger = new Logger(RateLimitService.name);

  constructor(
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GatewayMetrics) private readonly metrics: GatewayMetrics,
  ) {}

  limitsOf(key: AuthenticatedKey): RateLimits {
    const defaults = this.config.rateLimits;
    return {
      keyRpm: key.rpmLimit ?? defaults.keyRpm,
      keyTpm: key.tpmLimit ?? defaults.keyTpm,
      teamRpm: defaults.teamRpm,
      teamTpm: defaults.teamTpm,
    };
  }

  /** Counts the request and sets the x-ratelimit-* headers, or throws rate_limit_exceeded (429). */
  async enforce(key: AuthenticatedKey, promptTokens: number, res: ServerResponse): Promise<void> {
    const limits = this.limitsOf(key);
    if (!RateLimiter.applies(limits)) return;
    let decision;
    try {
      decision = await this.limiter.consume(key.teamId, key.keyId, limits, promptTokens);
    } catch (err) {
      // Fail open: the credit hold right after needs the same Redis and fails closed on its own.
      this.logger.warn({ msg: 'rate limit check failed; request let through', err: String(err) });
      return;
    }
    for (const [name, value] of Object.entries(rateLimitHeaders(decision))) res.setHeader(name, value);
    if (decision.allowed) return;
    const what = decision.exceeded ?? 'requests';
    this.metrics.rateLimited.inc({ limit: what });
    const bucket = what === 'tokens' ? decision.tokens : decision.requests;
    const message =
      what === 'tokens' && bucket && promptTokens > bucket.limit
        ? `This request's ${promptTokens} prompt tokens exceed your limit of ${bucket.limit} tokens per minute.`
        : `Rate limit reached: ${bucket?.limit ?? '?'} ${what} per minute. Retry after ${decision.retryAfterSeconds} s.`;
    throw new RateLimitExceededError(message, decision.retryAfterSeconds);
  }

  /** Adds a served request's completion tokens to its TPM windows (in the background: never fails the request). */
  addCompletionTokens(key: AuthenticatedKey, completionTokens: number): void {
    const limits = this.limitsOf(key);
    if (!RateLimiter.applies(limits)) return;
    this.limiter.addTokens(key.teamId, key.keyId, limits, completionTokens).catch((err: unknown) => {
      this.logger.warn({ msg: 'completion tokens not added to the rate limit window', err: String(err) });
    });
  }
}
