import { createHash } from 'node:crypto';

/** A uniform float in [0, 1), reproducible from its seed. */
export type Random = () => number;

/** Stable hex digest of any JSON-serialisable value. */
export function digestOf(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex');
}

/** sfc32 seeded with the first 128 bits of a hex digest: fast, and good enough for test data. */
export function randomFromDigest(digest: string): Random {
  let a = parseInt(digest.slice(0, 8), 16) >>> 0;
  let b = parseInt(digest.slice(8, 16), 16) >>> 0;
  let c = parseInt(digest.slice(16, 24), 16) >>> 0;
  let d = parseInt(digest.slice(24, 32), 16) >>> 0;
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** An integer in [min, max]. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
