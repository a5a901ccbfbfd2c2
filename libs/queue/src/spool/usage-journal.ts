import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { UsageEvent } from '@switchyard/contracts';
import { deliverEventFile, namesIn } from './event-files.util';

export interface UsageJournalOptions {
  /** Directory of this process's journal segments; one directory per gateway instance. */
  dir: string;
  /** A segment takes no more lines once it holds this many. Default 1,000. */
  segmentMaxEvents?: number;
  /** …or once it is this old (an idle segment is sealed by a timer too). Default 1,000 ms. */
  segmentMaxAgeMs?: number;
  /** Problems met in the background (deleting a finished segment), e.g. for logging. */
  onError?: (err: unknown) => void;
}

/** Where one event's line was written: hand it back to `settle` once the event is delivered. */
export interface JournalEntry {
  readonly segment: string;
}

export interface RecoveryResult {
  /** Events of earlier processes handed to `deliver`, which took them. */
  recovered: number;
  /** Segments kept because `deliver` refused one of their events; tried again on the next call. */
  filesLeft: number;
  /** Lines that were not JSON: the torn tail of a write a crash interrupted. */
  skipped: number;
}

interface Segment {
  name: string;
  fd: number | undefined;
  lines: number;
  /** Lines written whose events were not delivered yet. */
  pending: number;
  openedAt: number;
}

interface PendingLine {
  line: string;
  resolve(entry: JournalEntry): void;
  reject(err: unknown): void;
}

const SEGMENT = /^segment-\d+-[0-9a-f]+\.jsonl$/;

/**
 * A write-ahead journal for usage events, so a gateway can answer before Redis has the event
 * without a crash losing it. write() puts the event's JSON line in the current segment file (the
 * lines written in one event-loop turn share one write; no fsync: from then on the line survives
 * the process, though not a power loss of the machine); the caller then delivers the event to the
 * queue (or the fsync'ed spool) in the background and calls settle(). A segment is deleted once
 * it is sealed (full, old, or at close) and all its events were settled. Segments a crashed
 * process left behind are handed to recover(), at boot, and deleted once delivered. Delivering an
 * event twice is harmless: billing debits each request id once.
 */
export class UsageJournal {
  private readonly buffer: PendingLine[] = [];
  private flushScheduled = false;
  private active: Segment | undefined;
  /** This process's segments that still have undelivered events, by name. */
  private readonly segments = new Map<string, Segment>();
  private readonly timer: NodeJS.Timeout;
  private readonly deletions = new Set<Promise<void>>();
  private dirReady = false;

  constructor(private readonly options: UsageJournalOptions) {
    this.timer = setInterval(() => this.sealIfOld(), this.maxAgeMs);
    this.timer.unref();
  }

  /** Resolves once the event's line is in the segment file; rejects if it could not be written. */
  write(event: UsageEvent): Promise<JournalEntry> {
    return new Promise<JournalEntry>((resolve, reject) => {
      this.buffer.push({ line: `${JSON.stringify(event)}\n`, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** The entry's event reached the queue or the spool: its line is no longer needed. */
  settle(entry: JournalEntry): void {
    const segment = this.segments.get(entry.segment);
    if (!segment) return;
    segment.pending--;
    this.deleteIfDone(segment);
  }

  /**
   * Hands every event of segments this process did not write (an earlier, crashed run) to
   * `deliver`, in order; a segment is deleted once all its events were delivered.
   */
  async recover(deliver: (event: UsageEvent) => Promise<void>): Promise<RecoveryResult> {
    const result: RecoveryResult = { recovered: 0, filesLeft: 0, skipped: 0 };
    const names = await namesIn(this.options.dir);
    // A segment this process just finished may still be listed while its deletion runs: it then
    // delivers nothing (or, read before the deletion, its events again, which is harmless).
    const leftovers = names.filter((name) => SEGMENT.test(name) && !this.segments.has(name)).sort();
    for (const name of leftovers) {
      try {
        const { delivered, skipped } = await deliverEventFile(join(this.options.dir, name), deliver);
        result.recovered += delivered;
        result.skipped += skipped;
      } catch (err) {
        this.options.onError?.(err);
        result.filesLeft++;
      }
    }
    return result;
  }

  /** Writes what is buffered and seals the open segment; undelivered lines stay on disk for recover(). */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.flush();
    if (this.active) this.seal(this.active);
    await Promise.all(this.deletions);
  }

  private get maxAgeMs(): number {
    return this.options.segmentMaxAgeMs ?? 1_000;
  }

  private flush(): void {
    this.flushScheduled = false;
    const lines = this.buffer.splice(0);
    if (lines.length === 0) return;
    let segment: Segment;
    try {
      segment = this.active ?? this.open();
      const text = lines.map((l) => l.line).join('');
      // Synchronous on purpose: a write to the page cache is a few µs, less than a thread-pool hop.
      writeSync(segment.fd as number, text);
    } catch (err) {
      // Unknown how much reached the file: start a new segment; recover() skips a torn line.
      if (this.active) this.seal(this.active);
      for (const l of lines) l.reject(err);
      return;
    }
    segment.lines += lines.length;
    segment.pending += lines.length;
    const entry: JournalEntry = { segment: segment.name };
    for (const l of lines) l.resolve(entry);
    if (segment.lines >= (this.options.segmentMaxEvents ?? 1_000)) this.seal(segment);
  }

  private open(): Segment {
    if (!this.dirReady) {
      mkdirSync(this.options.dir, { recursive: true });
      this.dirReady = true;
    }
    const name = `segment-${Date.now()}-${randomBytes(4).toString('hex')}.jsonl`;
    const segment: Segment = {
      name,
      fd: openSync(join(this.options.dir, name), 'a'),
      lines: 0,
      pending: 0,
      openedAt: Date.now(),
    };
    this.segments.set(name, segment);
    this.active = segment;
    return segment;
  }

  private sealIfOld(): void {
    if (this.active && Date.now() - this.active.openedAt >= this.maxAgeMs) this.seal(this.active);
  }

  private seal(segment: Segment): void {
    if (this.active === segment) this.active = undefined;
    if (segment.fd !== undefined) {
      try {
        closeSync(segment.fd);
      } catch (err) {
        this.options.onError?.(err);
      }
      segment.fd = undefined;
    }
    this.deleteIfDone(segment);
  }

  private deleteIfDone(segment: Segment): void {
    if (segment.fd !== undefined || segment.pending > 0) return;
    this.segments.delete(segment.name);
    const deletion = unlink(join(this.options.dir, segment.name))
      .catch((err: unknown) => this.options.onError?.(err))
      .finally(() => this.deletions.delete(deletion));
    this.deletions.add(deletion);
  }
}
