/** The Redis client for credit holds (the queue worker opens its own connections). */
export const BILLING_REDIS = Symbol('BILLING_REDIS');
