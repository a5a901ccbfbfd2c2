import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { StallGuard } from './stall-guard';

const STALL_MS = 1_000;

/** A response whose socket takes writes while `full` is false; destroy() closes it as Node's does. */
class FakeResponse extends EventEmitter {
  full = false;
  writableFinished = false;
  destroyed = false;
  write = jest.fn(() => !this.full);
  end = jest.fn();
  destroy(): void {
    this.destroyed = true;
    process.nextTick(() => this.emit('close'));
  }
}

function setup() {
  const res = new FakeResponse();
  return { res, guard: new StallGuard(res as unknown as ServerResponse, STALL_MS) };
}

describe(StallGuard.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('does not wait when the socket takes the write', () => {
    const { res, guard } = setup();
    expect(guard.write('data: 1\n\n')).toBeUndefined();
    expect(res.listenerCount('drain')).toBe(0);
  });

  it('waits for the socket to drain, and cuts nothing when it does in time', async () => {
    const { res, guard } = setup();
    res.full = true;
    const waiting = guard.write('data: 1\n\n');
    jest.advanceTimersByTime(STALL_MS - 1);
    res.emit('drain');
    await waiting;
    jest.advanceTimersByTime(STALL_MS);
    expect([guard.stalled, res.destroyed]).toEqual([false, false]);
    expect([res.listenerCount('drain'), res.listenerCount('close')]).toEqual([0, 0]);
  });

  it('destroys the response of a client that has not read for the stall timeout', async () => {
    const { res, guard } = setup();
    res.full = true;
    const waiting = guard.write('data: 1\n\n');
    jest.advanceTimersByTime(STALL_MS);
    jest.runAllTicks();
    await waiting;
    expect([guard.stalled, res.destroyed]).toEqual([true, true]);
  });

  it('cuts off a tail the client never reads after the end, so its socket is not kept', () => {
    const { res, guard } = setup();
    guard.end('data: [DONE]\n\n');
    expect(res.end).toHaveBeenCalledWith('data: [DONE]\n\n');
    jest.advanceTimersByTime(STALL_MS);
    expect([guard.stalled, res.destroyed]).toEqual([true, true]);
  });

  it('keeps a response whose tail was flushed in time', () => {
    const { res, guard } = setup();
    guard.end();
    res.writableFinished = true;
    res.emit('finish');
    jest.advanceTimersByTime(STALL_MS);
    expect([guard.stalled, res.destroyed]).toEqual([false, false]);
  });
});
