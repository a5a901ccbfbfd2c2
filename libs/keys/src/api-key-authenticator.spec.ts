import { InvalidApiKeyError } from '@switchyard/contracts';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { generateApiKey } from './api-key-format.util';
import type { ApiKeyRecord, ApiKeyStore } from './api-key.types';

// Real: key format, hashing, cache. Faked: the store (an in-memory map) and the clock.
function setup(options: { cacheTtlMs?: number; negativeCacheTtlMs?: number } = {}) {
  const records = new Map<string, ApiKeyRecord>();
  const store = {
    findByHash: jest.fn(async (hash: string) => records.get(hash) ?? null),
    touchLastUsed: jest.fn(async () => undefined),
  } satisfies ApiKeyStore;
  let nowMs = 1_700_000_000_000;
  const clock = { advance: (ms: number) => (nowMs += ms), now: () => nowMs };
  const authenticator = new ApiKeyAuthenticator(store, { ...options, now: clock.now });
  const addKey = (overrides: Partial<ApiKeyRecord> = {}) => {
    const key = generateApiKey('live');
    const record: ApiKeyRecord = {
      keyId: 'key-1',
      teamId: 'team-1',
      displayPrefix: key.displayPrefix,
      allowedModels: null,
      allowedTiers: ['core'],
      rpmLimit: 60,
      tpmLimit: null,
      expiresAt: null,
      status: 'active',
      teamStatus: 'active',
      ...overrides,
    };
    records.set(key.hash, record);
    return { ...key, record, header: `Bearer ${key.plaintext}` };
  };
  return { authenticator, store, records, clock, addKey };
}

async function rejection(promise: Promise<unknown>): Promise<InvalidApiKeyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidApiKeyError);
  return error as InvalidApiKeyError;
}

describe(ApiKeyAuthenticator.name, () => {
  it('returns the key, its team and its limits for a valid bearer key', async () => {
    const { authenticator, addKey } = setup();
    const key = addKey();
    await expect(authenticator.authenticate(key.header)).resolves.toEqual({
      keyId: 'key-1',
      teamId: 'team-1',
      displayPrefix: key.displayPrefix,
      allowedModels: null,
      allowedTiers: ['core'],
      rpmLimit: 60,
      tpmLimit: null,
      expiresAt: null,
    });
  });

  it('accepts the scheme in any case', async () => {
    const { authenticator, addKey } = setup();
    const key = addKey();
    await expect(authenticator.authenticate(`bearer ${key.plaintext}`)).resolves.toMatchObject({ keyId: 'key-1' });
  });

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['a Basic header', 'Basic dXNlcjpwYXNz'],
    ['a bearer without a key', 'Bearer '],
    ['a malformed key', 'Bearer sy_live_nope'],
    ['a key with a bad checksum', `Bearer sy_live_${'a'.repeat(32)}000000`],
  ])('rejects %s without a lookup', async (_label, header) => {
    const { authenticator, store } = setup();
    const error = await rejection(authenticator.authenticate(header));
    expect(error.code).toBe('invalid_api_key');
    expect(store.findByHash).not.toHaveBeenCalled();
  });

  it('rejects an unknown well-formed key and remembers it briefly', async () => {
    const { authenticator, store, clock } = setup({ negativeCacheTtlMs: 1_000 });
    const header = `Bearer ${generateApiKey('live').plaintext}`;
    expect((await rejection(authenticator.authenticate(header))).message).toBe('Invalid API key provided.');
    await rejection(authenticator.authenticate(header));
    expect(store.findByHash).toHaveBeenCalledTimes(1);
    clock.advance(1_000);
    await rejection(authenticator.authenticate(header));
    expect(store.findByHash).toHaveBeenCalledTimes(2);
  });

  it('rejects a revoked key', async () => {
    const { authenticator, addKey } = setup();
    const key = addKey({ status: 'revoked' });
    expect((await rejection(authenticator.authenticate(key.header))).message).toBe('This API key has been revoked.');
  });

  it('rejects a key whose team is disabled', async () => {
    const { authenticator, addKey } = setup();
    const key = addKey({ teamStatus: 'disabled' });
    expect((await rejection(authenticator.authenticate(key.header))).message).toBe("This API key's team is disabled.");
  });

  it('rejects a key the moment it expires, even when cached', async () => {
    const { authenticator, addKey, clock } = setup({ cacheTtlMs: 60_000 });
    const key = addKey({ expiresAt: new Date(clock.now() + 500) });
    await expect(authenticator.authenticate(key.header)).resolves.toMatchObject({ keyId: 'key-1' });
    clock.advance(500);
    expect((await rejection(authenticator.authenticate(key.header))).message).toBe('This API key has expired.');
  });

  it('serves repeated requests from the cache and looks up again after the TTL', async () => {
    const { authenticator, addKey, store, clock } = setup({ cacheTtlMs: 5_000 });
    const key = addKey();
    for (let i = 0; i < 5; i++) await authenticator.authenticate(key.header);
    expect(store.findByHash).toHaveBeenCalledTimes(1);
    expect(store.touchLastUsed).toHaveBeenCalledTimes(1);
    clock.advance(5_000);
    await authenticator.authenticate(key.header);
    expect(store.findByHash).toHaveBeenCalledTimes(2);
  });

  it('stops accepting a revoked key within the cache TTL', async () => {
    const { authenticator, addKey, clock } = setup({ cacheTtlMs: 5_000 });
    const key = addKey();
    await authenticator.authenticate(key.header);
    key.record.status = 'revoked';
    clock.advance(4_999);
    await expect(authenticator.authenticate(key.header)).resolves.toMatchObject({ keyId: 'key-1' });
    clock.advance(1);
    await rejection(authenticator.authenticate(key.header));
  });

  it('stops accepting a key immediately after invalidate()', async () => {
    const { authenticator, addKey } = setup();
    const key = addKey();
    await authenticator.authenticate(key.header);
    key.record.status = 'revoked';
    authenticator.invalidate(key.hash);
    await rejection(authenticator.authenticate(key.header));
  });

  it('does not cache a lookup that raced with an invalidation', async () => {
    const { authenticator, addKey, store } = setup();
    const key = addKey();
    const first = authenticator.authenticate(key.header);
    authenticator.invalidate(key.hash);
    await first;
    await authenticator.authenticate(key.header);
    expect(store.findByHash).toHaveBeenCalledTimes(2);
  });

  it('looks a key up once when many requests miss the cache together', async () => {
    const { authenticator, addKey, store } = setup();
    const key = addKey();
    const results = await Promise.all(Array.from({ length: 20 }, () => authenticator.authenticate(key.header)));
    expect(results.every((r) => r.keyId === 'key-1')).toBe(true);
    expect(store.findByHash).toHaveBeenCalledTimes(1);
  });

  it('still authenticates when recording last use fails', async () => {
    const { authenticator, addKey, store } = setup();
    store.touchLastUsed.mockRejectedValueOnce(new Error('db down'));
    const key = addKey();
    await expect(authenticator.authenticate(key.header)).resolves.toMatchObject({ keyId: 'key-1' });
  });

  it('propagates a store failure instead of rejecting the key', async () => {
    const { authenticator, addKey, store } = setup();
    const key = addKey();
    store.findByHash.mockRejectedValueOnce(new Error('db down'));
    await expect(authenticator.authenticate(key.header)).rejects.toThrow('db down');
    await expect(authenticator.authenticate(key.header)).resolves.toMatchObject({ keyId: 'key-1' });
  });
});
