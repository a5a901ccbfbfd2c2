/** Per-run test databases are named `sy_test_<yyyymmddhhmmss>_<run id>` (UTC). */
export const TEST_DATABASE_PREFIX = 'sy_test_';
export const TEST_REDIS_PREFIX = 'sy-test';
export const DEFAULT_TEST_ADMIN_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';
/** Databases left behind by crashed runs are dropped by the next run once they are this old. */
export const STALE_TEST_DATABASE_MS = 24 * 60 * 60 * 1000;
