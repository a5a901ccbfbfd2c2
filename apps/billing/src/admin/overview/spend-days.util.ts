/** Days of spend the console charts: today (UTC) and the 29 before it. */
export const SPEND_DAYS = 30;

/** The first instant of the oldest charted day, and every charted day as YYYY-MM-DD, oldest first. */
export function spendWindow(now: Date = new Date()): { since: Date; days: string[] } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Array.from({ length: SPEND_DAYS }, (_, i) =>
    new Date(today - (SPEND_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
  return { since: new Date(`${days[0]}T00:00:00Z`), days };
}

/** Zero-filled: one amount per charted day, oldest first, from the days that had spend. */
export function spendSeries(days: readonly string[], spentByDay: ReadonlyMap<string, bigint>): bigint[] {
  return days.map((day) => spentByDay.get(day) ?? 0n);
}
