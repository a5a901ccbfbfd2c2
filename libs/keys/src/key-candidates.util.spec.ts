import { PermissionDeniedError, type Tier } from '@switchyard/contracts';
import { keyWith } from './authenticated-key.test-util';
import { keyCandidates } from './key-candidates.util';

// Pure: routes are built by hand the way the router returns them (named model first, then its
// fallbacks, possibly of another tier; or a task type's candidates, all of the task's tier).
const model = (alias: string, tier: Tier) => ({ alias, tier });
const mini = model('mini', 'core');
const nano = model('nano', 'core');
const haiku = model('haiku', 'core');
const sonnet = model('sonnet', 'pro');

/** `mini` named by the client, falling back to `nano`, `haiku`, then the pro-tier `sonnet`. */
const namedMini = { tier: 'core' as const, candidates: [mini, nano, haiku, sonnet] };
/** The same route after an open circuit moved the named model last. */
const namedMiniUnhealthy = { tier: 'core' as const, candidates: [nano, haiku, sonnet, mini] };
const simpleChat = { tier: 'core' as const, candidates: [mini, nano, haiku] };

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

describe(keyCandidates.name, () => {
  describe('a named model', () => {
    it.each([
      ['no allow-lists', null, null, namedMini, ['mini', 'nano', 'haiku', 'sonnet']],
      ['fallbacks outside the model list are skipped', ['mini', 'haiku'], null, namedMini, ['mini', 'haiku']],
      ['fallbacks outside the tier list are skipped', null, ['core'], namedMini, ['mini', 'nano', 'haiku']],
      ['the health order is kept', ['mini', 'haiku'], null, namedMiniUnhealthy, ['haiku', 'mini']],
    ] as const)('%s', (_label, models, tiers, route, expected) => {
      const candidates = keyCandidates(keyWith(models, tiers), { model: 'mini' }, route);
      expect(candidates.map((m) => m.alias)).toEqual(expected);
    });

    it.each([
      ['its fallback is', ['nano'], null, namedMini, 'This API key is not allowed to use model mini.'],
      [
        'its fallback is, even when the model itself is unhealthy',
        ['nano'],
        null,
        namedMiniUnhealthy,
        'This API key is not allowed to use model mini.',
      ],
      ['another tier is', null, ['pro'], namedMini, 'This API key is not allowed to use core-tier models.'],
    ] as const)(
      'is refused when the key may not use it, though %s allowed',
      (_label, models, tiers, route, message) => {
        const error = refusal(() => keyCandidates(keyWith(models, tiers), { model: 'mini' }, route));
        expect(error).toBeInstanceOf(PermissionDeniedError);
        expect(error).toMatchObject({ code: 'permission_denied', param: 'model', message });
      },
    );
  });

  describe('a task type', () => {
    it.each([
      ['no allow-lists', null, null, ['mini', 'nano', 'haiku']],
      ['candidates outside the model list are skipped', ['haiku', 'nano'], null, ['nano', 'haiku']],
      ['its tier is listed', null, ['core', 'pro'], ['mini', 'nano', 'haiku']],
    ] as const)('routes to the allowed candidates: %s', (_label, models, tiers, expected) => {
      const candidates = keyCandidates(keyWith(models, tiers), { taskType: 'simple_chat' }, simpleChat);
      expect(candidates.map((m) => m.alias)).toEqual(expected);
    });

    it.each([
      ['its tier is not listed', ['mini'], ['pro'], 'This API key is not allowed to use core-tier models.'],
      [
        'no candidate is listed',
        ['sonnet'],
        null,
        'This API key is not allowed to use any model of task_type simple_chat.',
      ],
      ['its model list is empty', [], null, 'This API key is not allowed to use any model of task_type simple_chat.'],
    ] as const)('is refused when %s', (_label, models, tiers, message) => {
      const error = refusal(() => keyCandidates(keyWith(models, tiers), { taskType: 'simple_chat' }, simpleChat));
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect(error).toMatchObject({ code: 'permission_denied', param: 'task_type', message });
    });
  });
});
