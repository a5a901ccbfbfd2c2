import type { UsageEvent } from '@switchyard/contracts';

/**
 * The events of a JSONL file the spool or the journal wrote. A line that is not JSON is the torn
 * tail of a write a crash interrupted (its event was never acknowledged): counted, not returned.
 */
export function parseSpoolLines(text: string): { events: UsageEvent[]; skipped: number } {
  const events: UsageEvent[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as UsageEvent);
    } catch {
      skipped++;
    }
  }
  return { events, skipped };
}
