import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UsageEvent } from '@switchyard/contracts';
import { UsageSpool } from './usage-spool';

// Real: the spool on a temporary directory. Faked: the queue (an emit function that records).
function event(requestId: string): UsageEvent {
  return { v: 1, requestId, costMicro: '5' } as UsageEvent;
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'usage-spool-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const spool = new UsageSpool({ dir, replayIntervalMs: 10 });
  const emitted: string[] = [];
  const emit = jest.fn(async (e: UsageEvent) => void emitted.push(e.requestId));
  return { spool, emit, emitted };
}

describe(UsageSpool.name, () => {
  it('writes each acknowledged event to disk as one JSON line', async () => {
    const { spool } = setup();

    await Promise.all([spool.append(event('a')), spool.append(event('b'))]);

    expect(readFileSync(join(dir, 'active.jsonl'), 'utf8')).toBe(
      `${JSON.stringify(event('a'))}\n${JSON.stringify(event('b'))}\n`,
    );
    await spool.close();
  });

  it('replays every spooled event once accepted and leaves no file behind', async () => {
    const { spool, emit, emitted } = setup();
    await Promise.all(['a', 'b', 'c'].map((id) => spool.append(event(id))));

    await expect(spool.replay(emit)).resolves.toEqual({ replayed: 3, filesLeft: 0, skipped: 0 });
    await expect(spool.replay(emit)).resolves.toEqual({ replayed: 0, filesLeft: 0, skipped: 0 });

    expect(emitted.sort()).toEqual(['a', 'b', 'c']);
    expect(readdirSync(dir)).toEqual([]);
    await spool.close();
  });

  it('keeps the file when the queue refuses an event, and replays it all later', async () => {
    const { spool, emit, emitted } = setup();
    await spool.append(event('a'));
    emit.mockRejectedValueOnce(new Error('redis down'));

    await expect(spool.replay(emit)).resolves.toMatchObject({ filesLeft: 1 });
    await spool.append(event('b'));
    await expect(spool.replay(emit)).resolves.toEqual({ replayed: 2, filesLeft: 0, skipped: 0 });

    expect(emitted).toEqual(['a', 'b']);
    expect(readdirSync(dir)).toEqual([]);
    await spool.close();
  });

  it('replays what an earlier process spooled, skipping a torn last line', async () => {
    const earlier = new UsageSpool({ dir });
    await earlier.append(event('a'));
    await earlier.close();
    appendFileSync(join(dir, 'active.jsonl'), '{"v":1,"requestId":"tor');
    const { spool, emit, emitted } = setup();

    await expect(spool.replay(emit)).resolves.toEqual({ replayed: 1, filesLeft: 0, skipped: 1 });

    expect(emitted).toEqual(['a']);
    await spool.close();
  });

  it('replays in the background until closed', async () => {
    const { spool, emit, emitted } = setup();
    spool.replayEvery(emit);

    await spool.append(event('late'));
    await new Promise((r) => setTimeout(r, 100));
    await spool.close();

    expect(emitted).toEqual(['late']);
  });

  it('reports nothing to replay when the directory does not exist yet', async () => {
    const spool = new UsageSpool({ dir: join(dir, 'missing') });

    await expect(spool.replay(jest.fn())).resolves.toEqual({ replayed: 0, filesLeft: 0, skipped: 0 });
  });
});
