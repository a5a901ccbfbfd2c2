/** The limits that apply to one request; 0 or null means "no limit" for that counter. */
export interface RateLimits {
  keyRpm: number | null;
  keyTpm: number | null;
  teamRpm: number | null;
  teamTpm: number | null;
}

/** One pair of counters (requests or tokens) as the x-ratelimit-* headers report it. */
export interface RateLimitBucket {
  limit: number;
  remaining: number;
  /** Milliseconds until the current window ends and the counter starts again from zero. */
  resetMs: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** The tightest request counter that applies, or null when no request limit is set. */
  requests: RateLimitBucket | null;
  /** The tightest token counter that applies, or null when no token limit is set. */
  tokens: RateLimitBucket | null;
  /** Which counter refused the request, when one did. */
  exceeded: 'requests' | 'tokens' | null;
  /** Seconds a refused client should wait (whole seconds, at least 1). */
  retryAfterSeconds: number;
}

export interface RateLimiterOptions {
  /** Namespaces the counters, like every other Switchyard key. */
  keyPrefix: string;
  /** Window length; RPM and TPM mean per minute, so the default and the norm is 60 000. */
  windowMs?: number;
}
