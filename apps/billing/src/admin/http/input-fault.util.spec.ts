import { findInputFault, MAX_INPUT_DEPTH } from './input-fault.util';

describe(findInputFault.name, () => {
  function nested(depth: number): unknown {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  }

  it.each([
    ['a clean body', { name: 'team', allowedModels: ['a', 'b'], rpmLimit: 5, expiresAt: null }, '', null],
    ['a NUL in a field', { name: 'a\u0000b' }, '', { field: 'name', problem: 'nul' }],
    [
      'a NUL in a list item',
      { name: 'k', allowedModels: ['ok', '\u0000'] },
      '',
      { field: 'allowedModels', problem: 'nul' },
    ],
    ['a NUL in a key', { 'x\u0000': 1 }, '', { field: 'x\u0000', problem: 'nul' }],
    ['a NUL in a path parameter', 'a\u0000', 'teamId', { field: 'teamId', problem: 'nul' }],
    ['nesting at the limit', { junk: nested(MAX_INPUT_DEPTH - 1) }, '', null],
    ['nesting past the limit', { junk: nested(MAX_INPUT_DEPTH) }, '', { field: 'junk', problem: 'depth' }],
    ['nesting far past the limit', { junk: nested(100_000) }, '', { field: 'junk', problem: 'depth' }],
  ])('finds %s', (_name, value, field, expected) => {
    expect(findInputFault(value, field)).toEqual(expected);
  });
});
