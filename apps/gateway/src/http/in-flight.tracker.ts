import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Counts requests still being answered, so shutdown can wait for the last stream to end. */
export class InFlightTracker {
  private open = 0;
  private idleWaiters: (() => void)[] = [];

  get count(): number {
    return this.open;
  }

  /** Counts `res` as open until it finishes or its connection closes. */
  track(res: ServerResponse): void {
    this.open++;
    let done = false;
    const onDone = () => {
      if (done) return;
      done = true;
      this.open--;
      if (this.open === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    };
    res.once('finish', onDone);
    res.once('close', onDone);
  }

  readonly middleware: RequestHandler = (_req: Request, res: Response, next: NextFunction) => {
    this.track(res);
    next();
  };

  /** Resolves true once no request is open, or false when `timeoutMs` passes first. */
  waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.open === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
