import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UsageEvent } from '@switchyard/contracts';
import { UsageJournal } from './usage-journal';
import { waitFor } from '@switchyard/testing';

// Real: the journal on a temporary directory. Faked: delivery (a function that records).
function event(requestId: string): UsageEvent {
  return { v: 1, requestId, costMicro: '5' } as UsageEvent;
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'usage-journal-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function linesIn(directory: string): string[] {
  return readdirSync(directory).flatMap((name) =>
    readFileSync(join(directory, name), 'utf8').split('\n').filter(Boolean),
  );
}

describe(UsageJournal.name, () => {
  it('has every written event on disk, as one JSON line, before write() resolves', async () => {
    const journal = new UsageJournal({ dir });

    const entries = await Promise.all([journal.write(event('a')), journal.write(event('b'))]);

    expect(linesIn(dir)).toEqual([JSON.stringify(event('a')), JSON.stringify(event('b'))]);
    // Written in the same turn, the two lines share one segment (and one write).
    expect(entries[0].segment).toBe(entries[1].segment);
    await journal.close();
  });

  it('deletes a sealed segment once every event in it was settled, and not before', async () => {
    const journal = new UsageJournal({ dir, segmentMaxEvents: 2 });
    const [a, b] = await Promise.all([journal.write(event('a')), journal.write(event('b'))]);

    journal.settle(a);
    await new Promise((resolve) => setImmediate(resolve));
    expect(linesIn(dir)).toHaveLength(2);

    journal.settle(b);
    await journal.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the open segment until it is sealed, by age or at close', async () => {
    const journal = new UsageJournal({ dir, segmentMaxAgeMs: 50 });
    journal.settle(await journal.write(event('a')));
    expect(readdirSync(dir)).toHaveLength(1);

    // Sealed by its timer and then deleted (asynchronously): poll rather than guess how long that takes.
    await waitFor(() => readdirSync(dir).length === 0, {
      timeoutMs: 5_000,
      intervalMs: 20,
      describe: 'an empty journal directory',
    });

    expect(readdirSync(dir)).toEqual([]);
    const later = await journal.write(event('b'));
    expect(readdirSync(dir)).toHaveLength(1);
    journal.settle(later);
    await journal.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves undelivered events on disk at close, and a later process recovers them in order', async () => {
    const crashed = new UsageJournal({ dir, segmentMaxEvents: 2 });
    const entries = await Promise.all(['a', 'b', 'c'].map((id) => crashed.write(event(id))));
    crashed.settle(entries[0]);
    await crashed.close();
    // The torn tail of a write a crash interrupted.
    const [last] = readdirSync(dir).sort().slice(-1);
    appendFileSync(join(dir, last), '{"v":1,"requ');

    const next = new UsageJournal({ dir });
    const own = await next.write(event('d'));
    const delivered: string[] = [];
    const result = await next.recover(async (e) => void delivered.push(e.requestId));

    // Settled or not, every line of the earlier process is delivered again: a duplicate is a no-op for billing.
    expect(delivered).toEqual(['a', 'b', 'c']);
    expect(result).toEqual({ recovered: 3, filesLeft: 0, skipped: 1 });
    expect(linesIn(dir)).toEqual([JSON.stringify(event('d'))]);
    next.settle(own);
    await next.close();
  });

  it('keeps a recovered segment whose delivery failed, and delivers it on a later call', async () => {
    const crashed = new UsageJournal({ dir });
    await crashed.write(event('a'));
    await crashed.close();
    const next = new UsageJournal({ dir });

    const failed = await next.recover(async () => {
      throw new Error('redis and disk down');
    });
    const delivered: string[] = [];
    const retried = await next.recover(async (e) => void delivered.push(e.requestId));

    expect(failed).toEqual({ recovered: 0, filesLeft: 1, skipped: 0 });
    expect(retried).toEqual({ recovered: 1, filesLeft: 0, skipped: 0 });
    expect(delivered).toEqual(['a']);
    expect(readdirSync(dir)).toEqual([]);
    await next.close();
  });

  it('rejects write() when the directory cannot be made, and works again once it can', async () => {
    const journalDir = join(dir, 'journal');
    writeFileSync(journalDir, 'a file where the directory should be');
    const journal = new UsageJournal({ dir: journalDir });

    await expect(journal.write(event('a'))).rejects.toThrow();
    rmSync(journalDir);
    journal.settle(await journal.write(event('b')));
    await journal.close();
    expect(readdirSync(journalDir)).toEqual([]);
  });
});
