import { PermissionDeniedError } from '@switchyard/contracts';
import { keyWith } from './authenticated-key.test-util';
import { assertKeyAllows, keyAllows } from './assert-key-allows.util';

describe('keyAllows / assertKeyAllows', () => {
  it.each([
    ['no restrictions', null, null, 'fast', 'core'],
    ['the model is listed', ['fast'], null, 'fast', 'core'],
    ['the tier is listed', null, ['core', 'pro'], 'smart', 'pro'],
    ['both are listed', ['smart'], ['pro'], 'smart', 'pro'],
  ] as const)('allows when %s', (_label, models, tiers, alias, tier) => {
    expect(keyAllows(keyWith(models, tiers), { alias, tier })).toBe(true);
    expect(() => assertKeyAllows(keyWith(models, tiers), { alias, tier })).not.toThrow();
  });

  it.each([
    ['the model is not listed', ['fast'], null, 'smart', 'pro', 'This API key is not allowed to use model smart.'],
    ['the model list is empty', [], null, 'fast', 'core', 'This API key is not allowed to use model fast.'],
    [
      'the tier is not listed',
      null,
      ['core'],
      'deep',
      'ultra',
      'This API key is not allowed to use ultra-tier models.',
    ],
    ['the tier list is empty', null, [], 'fast', 'core', 'This API key is not allowed to use core-tier models.'],
    [
      'the model is listed but its tier is not',
      ['deep'],
      ['core'],
      'deep',
      'ultra',
      'This API key is not allowed to use ultra-tier models.',
    ],
  ] as const)('denies when %s', (_label, models, tiers, alias, tier, message) => {
    expect(keyAllows(keyWith(models, tiers), { alias, tier })).toBe(false);
    let error: unknown;
    try {
      assertKeyAllows(keyWith(models, tiers), { alias, tier });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ code: 'permission_denied', param: 'model', message });
  });
});
