/**
 * Blank lines (event ends) in `text`, with one that `tail` (the text before it) began. Counting in
 * `tail + text` instead would count the tail's own event end again; until 2026-12-02 streams.mjs
 * did, which about doubled the events/s it reported for streams whose reads hold one event each.
 */
export function eventEnds(tail, text) {
  let count = tail.endsWith('\n') && text.startsWith('\n') ? 1 : 0;
  for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', at + 2)) count++;
  return count;
}
