import { describe, expect, it } from 'vitest';
import { bodyOf, inputOf } from './key-settings';

const blank = inputOf();

describe('key settings form → API body', () => {
  it('reads empty fields as "no restriction" (null), never as an empty allow-list', () => {
    expect(bodyOf({ ...blank, name: ' ci ' })).toEqual({
      name: 'ci',
      expiresAt: null,
      allowedModels: null,
      allowedTiers: null,
      rpmLimit: null,
      tpmLimit: null,
    });
  });

  it('sends the lists and limits typed', () => {
    expect(
      bodyOf({ ...blank, name: 'ci', models: 'gpt-4o-mini, , claude-haiku', tiers: ['core'], rpm: '60', tpm: '1000' }),
    ).toMatchObject({
      allowedModels: ['gpt-4o-mini', 'claude-haiku'],
      allowedTiers: ['core'],
      rpmLimit: 60,
      tpmLimit: 1000,
    });
  });

  it.each(['0', '1.5', '-3', '99999999999', 'ten'])('refuses an RPM of %j', (rpm) => {
    expect(() => bodyOf({ ...blank, name: 'ci', rpm })).toThrow('Requests per minute must be a whole number');
  });

  it('refuses a key without a name', () => {
    expect(() => bodyOf(blank)).toThrow('The key needs a name.');
  });
});
