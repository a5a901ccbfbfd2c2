// The bench run's settings, from its command line: what it measures, for how long, and the
// database, Redis prefix and spool directory of its own.
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS = join(ROOT, 'bench/results');
export const QUICK = process.argv.includes('--quick');
export const PROFILE = process.argv.includes('--profile');
export const SATURATION = process.argv.includes('--saturation');
/** `--embeddings`: only the embeddings scenario (a batch of 16 short texts) beside chat, briefly. */
export const EMBEDDINGS = process.argv.includes('--embeddings');
/** `--messages`: only POST /v1/messages beside chat, briefly (the doors' gateway CPU per request, in one run). */
export const MESSAGES = process.argv.includes('--messages');
/** `--streams`: only the streaming scenarios (bench/lib/stream-modes.mjs), with the LLM-shaped one. */
export const STREAMS = process.argv.includes('--streams');
/** Another checkout with a built dist/ whose gateway `--streams` runs beside this one (A/B in one run). */
export const BASE_ROOT = process.env.BENCH_BASE_ROOT || null;
/** `--saturation --rate=N`: the same rounds paced at N req/s instead. */
export const RATE = Number(process.argv.find((a) => a.startsWith('--rate='))?.slice('--rate='.length)) || null;
export const MODE = {
  full: {
    rates: [50, 200, 500, 1000],
    rounds: 2,
    durationSec: 8,
    connections: 32,
    warmSec: 3,
    streams: [10, 200, 1000],
    streamSec: 6,
    billingEvents: 20_000,
  },
  quick: {
    rates: [50, 200, 500, 1000],
    rounds: 1,
    durationSec: 3,
    connections: 32,
    warmSec: 2,
    streams: [10, 200, 1000],
    streamSec: 3,
    billingEvents: 5_000,
  },
}[QUICK ? 'quick' : 'full'];
export const STREAM_CHUNKS = 20;
export const STREAM_DELAY_MS = 10;
export const GRANT_MICRO = 1_000_000_000n * 1_000_000n;
export const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
export const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

export const dbUrl = `postgresql://postgres@127.0.0.1:5432/sy_bench_${stamp.replace('-', '_')}`;
export const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
export const redisPrefix = `sybench-${stamp}-${randomBytes(3).toString('hex')}`;
// The gateway's usage spool and journal, this run's own.
export const spoolDir = join(tmpdir(), `sybench-spool-${stamp}-${randomBytes(3).toString('hex')}`);
