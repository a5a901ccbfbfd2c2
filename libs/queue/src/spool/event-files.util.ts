import { readdir, readFile, unlink } from 'node:fs/promises';
import type { UsageEvent } from '@switchyard/contracts';

/** Events handed to `deliver` at once while a file is delivered (the queue takes them in one pipeline). */
const DELIVERY_CHUNK = 100;

function ignoreMissing(err: NodeJS.ErrnoException): undefined {
  if (err.code === 'ENOENT') return undefined;
  throw err;
}

/**
 * The events of a JSONL file the spool or the journal wrote. A line that is not JSON is the torn
 * tail of a write a crash interrupted (its event was never acknowledged): counted, not returned.
 */
export function parseEventLines(text: string): { events: UsageEvent[]; skipped: number } {
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

/** The names in `dir`; none while it does not exist yet. */
export async function namesIn(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(ignoreMissing)) ?? [];
}

/**
 * Hands the events of a spool or journal file to `deliver` in order, DELIVERY_CHUNK at once, then
 * deletes the file. Rejects, keeping the file, when `deliver` refuses an event. A file that is no
 * longer there (deleted meanwhile) delivers nothing.
 */
export async function deliverEventFile(
  path: string,
  deliver: (event: UsageEvent) => Promise<void>,
): Promise<{ delivered: number; skipped: number }> {
  const text = await readFile(path, 'utf8').catch(ignoreMissing);
  if (text === undefined) return { delivered: 0, skipped: 0 };
  const { events, skipped } = parseEventLines(text);
  for (let i = 0; i < events.length; i += DELIVERY_CHUNK)
    await Promise.all(events.slice(i, i + DELIVERY_CHUNK).map((event) => deliver(event)));
  await unlink(path).catch(ignoreMissing);
  return { delivered: events.length, skipped };
}
