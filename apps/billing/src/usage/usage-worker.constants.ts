/**
 * BullMQ worker settings for `usage-events`. A batch commits in milliseconds, so a short lock is
 * safe (it is renewed every half-duration while a job runs) and lets a crashed worker's jobs go
 * back to the queue within seconds. A job stalled by crashes is never failed for it: its debit is
 * exactly-once in Postgres, so running it again is always safe.
 */
export const USAGE_WORKER_OPTIONS = {
  lockDuration: 5_000,
  stalledInterval: 5_000,
  maxStalledCount: 1_000,
} as const;
