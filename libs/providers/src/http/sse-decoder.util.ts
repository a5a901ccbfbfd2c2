export interface SseEvent {
  /** The `event:` field, when the server named the event. */
  event?: string;
  /** The `data:` lines of one event, joined with `\n`. */
  data: string;
}

/**
 * Incremental Server-Sent Events decoder (WHATWG event-stream rules): feed it text as it
 * arrives, in pieces of any size, and it returns the events completed so far. Handles LF,
 * CRLF and CR line ends (also split across pieces), multi-line data, and comment lines
 * (`: keep-alive`).
 */
export class SseDecoder {
  private pending = '';
  private dataLines: string[] = [];
  private eventName: string | undefined;

  push(text: string): SseEvent[] {
    const events: SseEvent[] = [];
    const buffer = this.pending + text;
    let start = 0;
    // `pending` holds no line end except perhaps a trailing CR, so only that needs a rescan.
    for (let i = Math.max(0, this.pending.length - 1); i < buffer.length; i++) {
      const ch = buffer.charCodeAt(i);
      if (ch !== 10 && ch !== 13) continue;
      // A CR at the very end may be the first half of a CRLF: wait for the next piece.
      if (ch === 13 && i === buffer.length - 1) break;
      this.processLine(buffer.slice(start, i), events);
      if (ch === 13 && buffer.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    this.pending = buffer.slice(start);
    return events;
  }

  /** Flushes what is left when the stream ends; a final event without its blank line still counts. */
  end(): SseEvent[] {
    const events: SseEvent[] = [];
    const rest = this.pending.replace(/\r$/, '');
    this.pending = '';
    if (rest.length > 0) this.processLine(rest, events);
    this.processLine('', events);
    return events;
  }

  private processLine(line: string, events: SseEvent[]): void {
    if (line.length === 0) {
      if (this.dataLines.length > 0) {
        events.push(
          this.eventName === undefined
            ? { data: this.dataLines.join('\n') }
            : { event: this.eventName, data: this.dataLines.join('\n') },
        );
      }
      this.dataLines = [];
      this.eventName = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' comment */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
  }
}
