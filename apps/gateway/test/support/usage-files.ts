import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The JSONL files in a spool or journal directory (the spool's `journal/` subdirectory is not one). */
export function jsonlFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
}

/** The request ids of every usage event line in those files. */
export function requestIdsIn(dir: string): string[] {
  return jsonlFiles(dir)
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean))
    .map((line) => (JSON.parse(line) as { requestId: string }).requestId);
}
