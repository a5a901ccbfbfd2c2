import type { RateLimitDecision } from './rate-limit.types';

/** OpenAI writes resets as durations: "1s", "6m0s", "20ms". */
export function formatResetDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const totalSeconds = Math.ceil(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

/** The x-ratelimit-* headers for a decision: only the pairs whose limits apply. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [kind, bucket] of [
    ['requests', decision.requests],
    ['tokens', decision.tokens],
  ] as const) {
    if (!bucket) continue;
    headers[`x-ratelimit-limit-${kind}`] = String(bucket.limit);
    headers[`x-ratelimit-remaining-${kind}`] = String(bucket.remaining);
    headers[`x-ratelimit-reset-${kind}`] = formatResetDuration(bucket.resetMs);
  }
  return headers;
}
