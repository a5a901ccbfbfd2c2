import { InvalidApiKeyError } from '@switchyard/contracts';
import { hashApiKey, isWellFormedApiKey } from './api-key-format.util';
import type { ApiKeyRecord, ApiKeyStore, AuthenticatedKey } from './api-key.types';
import { TtlLruCache } from './ttl-lru-cache.util';

export interface ApiKeyAuthenticatorOptions {
  /** How long an accepted key is trusted without a lookup; bounds how late a revocation lands without pub/sub. */
  cacheTtlMs?: number;
  /** How long an unknown/revoked key is remembered, so garbage with a valid checksum cannot hammer the database. */
  negativeCacheTtlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

const BEARER = /^Bearer +([^ ]+) *$/i;
const MALFORMED = 'Invalid API key provided.';

/** A cached rejection is its message; an accepted key is the key itself. */
type CachedLookup = AuthenticatedKey | string;

/**
 * Turns an Authorization header into the caller's key. Garbage is rejected by the checksum
 * alone; real lookups are cached in-process, so a hit costs one SHA-256 and a Map read.
 */
export class ApiKeyAuthenticator {
  private readonly cache: TtlLruCache<CachedLookup>;
  private readonly inFlight = new Map<string, Promise<CachedLookup>>();
  private readonly cacheTtlMs: number;
  private readonly negativeCacheTtlMs: number;
  private readonly now: () => number;
  /** Bumped by invalidate(): a lookup that started before it must not repopulate the cache. */
  private generation = 0;

  constructor(
    private readonly store: ApiKeyStore,
    options: ApiKeyAuthenticatorOptions = {},
  ) {
    this.cacheTtlMs = options.cacheTtlMs ?? 5_000;
    this.negativeCacheTtlMs = options.negativeCacheTtlMs ?? Math.min(1_000, this.cacheTtlMs);
    this.now = options.now ?? Date.now;
    this.cache = new TtlLruCache(options.maxEntries ?? 10_000);
  }

  async authenticate(authorizationHeader: string | undefined): Promise<AuthenticatedKey> {
    if (!authorizationHeader)
      throw new InvalidApiKeyError("Missing API key. Send it as 'Authorization: Bearer <key>'.");
    const match = BEARER.exec(authorizationHeader);
    if (!match) throw new InvalidApiKeyError("The Authorization header must be 'Bearer <key>'.");
    const plaintext = match[1];
    if (!isWellFormedApiKey(plaintext)) throw new InvalidApiKeyError(MALFORMED);

    const hash = hashApiKey(plaintext);
    const nowMs = this.now();
    const lookup = this.cache.get(hash, nowMs)?.value ?? (await this.lookUp(hash));
    if (typeof lookup === 'string') throw new InvalidApiKeyError(lookup);
    // Checked on every hit: a cached key must not outlive its expiry by up to a TTL.
    if (lookup.expiresAt && lookup.expiresAt.getTime() <= this.now())
      throw new InvalidApiKeyError('This API key has expired.');
    return lookup;
  }

  /** Forgets a key (e.g. on a revocation broadcast), so the next request looks it up again. */
  invalidate(keyHash: string): void {
    this.generation++;
    this.cache.delete(keyHash);
  }

  clear(): void {
    this.generation++;
    this.cache.clear();
  }

  /** One store query per hash at a time, however many requests miss the cache together. */
  private lookUp(hash: string): Promise<CachedLookup> {
    let pending = this.inFlight.get(hash);
    if (!pending) {
      pending = this.loadAndCache(hash).finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
    }
    return pending;
  }

  private async loadAndCache(hash: string): Promise<CachedLookup> {
    const generation = this.generation;
    const record = await this.store.findByHash(hash);
    const lookup = toLookup(record);
    if (generation === this.generation) {
      const ttl = typeof lookup === 'string' ? this.negativeCacheTtlMs : this.cacheTtlMs;
      this.cache.set(hash, lookup, this.now() + ttl);
    }
    if (record && typeof lookup !== 'string') this.touch(record.keyId);
    return lookup;
  }

  private touch(keyId: string): void {
    // Best effort by design: last-used time is informational and must never fail a request.
    this.store.touchLastUsed?.(keyId, new Date(this.now())).catch(() => undefined);
  }
}

function toLookup(record: ApiKeyRecord | null): CachedLookup {
  if (!record) return MALFORMED;
  if (record.status !== 'active') return 'This API key has been revoked.';
  if (record.teamStatus !== 'active') return "This API key's team is disabled.";
  return {
    keyId: record.keyId,
    teamId: record.teamId,
    displayPrefix: record.displayPrefix,
    allowedModels: record.allowedModels,
    allowedTiers: record.allowedTiers,
    rpmLimit: record.rpmLimit,
    tpmLimit: record.tpmLimit,
    expiresAt: record.expiresAt,
  };
}
