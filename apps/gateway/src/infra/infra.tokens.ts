/** Injection tokens for the plain library objects the gateway wires into Nest. */
export const PROVIDERS = Symbol('PROVIDERS');
export const REDIS = Symbol('REDIS');
export const PROVIDER_API_KEYS = Symbol('PROVIDER_API_KEYS');
export const PG_POOL = Symbol('PG_POOL');
/** The request holds the gateway places and settles: RequestHolds (leased or per request), metered. */
export const REQUEST_HOLDS = Symbol('REQUEST_HOLDS');
/** The gateway's CreditLeases, or null with CREDIT_LEASE_REQUESTS=0 (one hold per request). */
export const CREDIT_LEASES = Symbol('CREDIT_LEASES');
