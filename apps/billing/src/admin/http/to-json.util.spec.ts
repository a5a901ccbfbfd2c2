import { toJsonSafe } from './to-json.util';

describe(toJsonSafe.name, () => {
  it('turns bigints into exact decimal strings at any depth and leaves the rest alone', () => {
    const at = new Date('2025-01-01T00:00:00.000Z');
    expect(toJsonSafe({ entry: { id: 2n ** 63n - 1n, at, tags: [1n, 'x', null] }, ok: true })).toEqual({
      entry: { id: '9223372036854775807', at, tags: ['1', 'x', null] },
      ok: true,
    });
  });
});
