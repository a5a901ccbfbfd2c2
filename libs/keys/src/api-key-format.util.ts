import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';

export type ApiKeyEnv = 'live' | 'test';

export interface GeneratedApiKey {
  /** Shown to the caller once, never stored. */
  plaintext: string;
  /** Hex SHA-256 of the plaintext: what the database stores and looks up. */
  hash: string;
  /** The first {@link API_KEY_DISPLAY_PREFIX_LENGTH} characters, safe to show in lists. */
  displayPrefix: string;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const API_KEY_BODY_LENGTH = 32;
export const API_KEY_CHECKSUM_LENGTH = 6;
export const API_KEY_DISPLAY_PREFIX_LENGTH = 12;
const PREFIX_LENGTH = 'sy_live_'.length;
const KEY_LENGTH = PREFIX_LENGTH + API_KEY_BODY_LENGTH + API_KEY_CHECKSUM_LENGTH;
const SHAPE = /^sy_(?:live|test)_[0-9A-Za-z]{38}$/;
// 248 = 4 × 62: bytes at or above it are dropped so every base62 digit is equally likely.
const UNBIASED_BYTE_LIMIT = 248;

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_BYTE_LIMIT) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** CRC32 of prefix + body, in base62, left-padded to 6 (62^6 > 2^32, so it always fits). */
export function apiKeyChecksum(prefixAndBody: string): string {
  let value = crc32(prefixAndBody);
  let out = '';
  for (let i = 0; i < API_KEY_CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generateApiKey(env: ApiKeyEnv): GeneratedApiKey {
  const prefixAndBody = `sy_${env}_${randomBase62(API_KEY_BODY_LENGTH)}`;
  const plaintext = prefixAndBody + apiKeyChecksum(prefixAndBody);
  return { plaintext, hash: hashApiKey(plaintext), displayPrefix: plaintext.slice(0, API_KEY_DISPLAY_PREFIX_LENGTH) };
}

/** True when `candidate` has the key's shape and a matching checksum; needs no lookup. */
export function isWellFormedApiKey(candidate: string): boolean {
  if (candidate.length !== KEY_LENGTH || !SHAPE.test(candidate)) return false;
  const split = KEY_LENGTH - API_KEY_CHECKSUM_LENGTH;
  return apiKeyChecksum(candidate.slice(0, split)) === candidate.slice(split);
}

/** SHA-256 hex: keys are 190 random bits, so a slow KDF would only cost latency. */
export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}
