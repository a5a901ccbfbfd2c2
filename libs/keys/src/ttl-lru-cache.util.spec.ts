import { TtlLruCache } from './ttl-lru-cache.util';

describe(TtlLruCache.name, () => {
  it('returns a value until it expires', () => {
    const cache = new TtlLruCache<number>(10);
    cache.set('a', 1, 1_000);
    expect(cache.get('a', 999)?.value).toBe(1);
    expect(cache.get('a', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new TtlLruCache<number>(2);
    cache.set('a', 1, 10);
    cache.set('b', 2, 10);
    cache.get('a', 0);
    cache.set('c', 3, 10);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)?.value).toBe(1);
    expect(cache.get('c', 0)?.value).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('replaces a value without growing', () => {
    const cache = new TtlLruCache<number>(2);
    cache.set('a', 1, 10);
    cache.set('a', 2, 10);
    expect(cache.size).toBe(1);
    expect(cache.get('a', 0)?.value).toBe(2);
  });
});
