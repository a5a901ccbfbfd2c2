import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { UsageEvent } from '@switchyard/contracts';
import { deliverEventFile, namesIn } from './event-files.util';

export interface UsageSpoolOptions {
  /** Directory of this process's spool files; one directory per gateway instance. */
  dir: string;
  /** How often replayEvery() retries. Default 5000 ms. */
  replayIntervalMs?: number;
  /** Problems met while replaying in the background (e.g. for logging). */
  onError?: (err: unknown) => void;
}

export interface ReplayResult {
  /** Events handed to `emit` and accepted. */
  replayed: number;
  /** Spool files still waiting (emit refused an event, so that file and the later ones were kept). */
  filesLeft: number;
  /** Lines that were not JSON: the torn tail of a write a crash interrupted, never acknowledged. */
  skipped: number;
}

interface PendingLine {
  line: string;
  resolve(): void;
  reject(err: unknown): void;
}

const ACTIVE = 'active.jsonl';
const SEALED = /^sealed-\d+-[0-9a-f]+\.jsonl$/;

/**
 * A durable local spool for usage events the queue could not take: append-only JSONL, each
 * append acknowledged only after fsync (appends arriving together share one write and one
 * fsync). replay() seals the active file and hands every spooled event to `emit` in order; a
 * file is deleted once all its events were accepted. An event may be emitted twice (a crash
 * between emit and delete), which billing's unique request id makes harmless; none is lost.
 */
export class UsageSpool {
  private readonly buffer: PendingLine[] = [];
  private flushQueued = false;
  private active: FileHandle | undefined;
  /** Serializes appends and sealing, so no append can land in a file being replayed. */
  private chain: Promise<unknown> = Promise.resolve();
  private replaying: Promise<ReplayResult> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: UsageSpoolOptions) {}

  append(event: UsageEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.buffer.push({ line: `${JSON.stringify(event)}\n`, resolve, reject });
      if (!this.flushQueued) {
        this.flushQueued = true;
        void this.exclusive(() => this.flush());
      }
    });
  }

  /** Replays whatever is spooled; concurrent calls share one run. */
  replay(emit: (event: UsageEvent) => Promise<void>): Promise<ReplayResult> {
    this.replaying ??= this.replayFiles(emit).finally(() => (this.replaying = undefined));
    return this.replaying;
  }

  /** Replays now, then every `replayIntervalMs`, until close(). */
  replayEvery(emit: (event: UsageEvent) => Promise<void>): void {
    const tick = (): void => {
      this.replay(emit)
        .catch((err: unknown) => this.options.onError?.(err))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.replayIntervalMs ?? 5_000);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops replaying and waits for pending appends and a running replay. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.replaying?.catch(() => undefined);
    await this.exclusive(async () => {
      await this.active?.close();
      this.active = undefined;
    });
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    const lines = this.buffer.splice(0);
    if (lines.length === 0) return;
    try {
      this.active ??= await this.openActive();
      await this.active.write(lines.map((l) => l.line).join(''));
      await this.active.datasync();
      for (const l of lines) l.resolve();
    } catch (err) {
      // Unknown how much reached the disk: start a fresh handle; replay skips a torn line.
      await this.active?.close().catch(() => undefined);
      this.active = undefined;
      for (const l of lines) l.reject(err);
    }
  }

  private async openActive(): Promise<FileHandle> {
    await mkdir(this.options.dir, { recursive: true });
    const handle = await open(join(this.options.dir, ACTIVE), 'a');
    await this.syncDir(); // the file's name must survive a crash too, not only its contents
    return handle;
  }

  private async syncDir(): Promise<void> {
    const dir = await open(this.options.dir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** Renames the active file (if any) to a sealed one; new appends start a new active file. */
  private seal(): Promise<void> {
    return this.exclusive(async () => {
      await this.active?.close();
      this.active = undefined;
      const stamp = `${Date.now()}-${randomBytes(4).toString('hex')}`;
      await rename(join(this.options.dir, ACTIVE), join(this.options.dir, `sealed-${stamp}.jsonl`)).catch(
        (err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        },
      );
    });
  }

  private async replayFiles(emit: (event: UsageEvent) => Promise<void>): Promise<ReplayResult> {
    const result: ReplayResult = { replayed: 0, filesLeft: 0, skipped: 0 };
    const names = await namesIn(this.options.dir);
    // Only spool files count: the gateway's usage journal keeps its own directory in this one.
    if (!names.some((name) => name === ACTIVE || SEALED.test(name))) return result;
    await this.seal();
    const sealed = (await readdir(this.options.dir)).filter((name) => SEALED.test(name)).sort();
    for (const [index, name] of sealed.entries()) {
      try {
        const { delivered, skipped } = await deliverEventFile(join(this.options.dir, name), emit);
        result.replayed += delivered;
        result.skipped += skipped;
      } catch (err) {
        this.options.onError?.(err);
        result.filesLeft = sealed.length - index;
        return result;
      }
    }
    return result;
  }
}
