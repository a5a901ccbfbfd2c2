import type { ServerResponse } from 'node:http';

/**
 * Writes a streamed answer with backpressure, within a bound. A write the socket cannot take
 * waits for 'drain', so a slow client slows the upstream instead of filling memory; but a client
 * that stops reading would pause the relay, and with it the request and its credit hold, for ever.
 * When the socket has not drained for `stallTimeoutMs`, the response is destroyed: that closes
 * it the way a client's disconnect does (the upstream is aborted, what was sent is billed).
 */
export class StallGuard {
  /** The client stopped reading and its response was destroyed. */
  stalled = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly stallTimeoutMs: number,
  ) {}

  /** Undefined when the socket took `data` at once; else resolves once it drains or the response closes. */
  write(data: string): Promise<void> | undefined {
    if (this.res.write(data)) return undefined;
    return this.within('drain');
  }

  /** Ends the response; a tail the client never reads is cut off all the same, so the socket is not kept. */
  end(data?: string): void {
    this.res.end(data);
    if (!this.res.writableFinished) void this.within('finish');
  }

  private within(event: 'drain' | 'finish'): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.stalled = true;
        this.res.destroy(); // 'close' follows, which settles this wait
      }, this.stallTimeoutMs);
      const settle = () => {
        clearTimeout(timer);
        this.res.off(event, settle);
        this.res.off('close', settle);
        resolve();
      };
      this.res.on(event, settle);
      this.res.on('close', settle);
    });
  }
}
