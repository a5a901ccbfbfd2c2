import { UsageError } from '../cli-args.util';
import { loadOpsCliConfig } from './ops-cli-config';

describe(loadOpsCliConfig.name, () => {
  it('maps ADMIN_URL and ADMIN_TOKEN to a frozen config', () => {
    const config = loadOpsCliConfig({ ADMIN_URL: 'http://127.0.0.1:3001', ADMIN_TOKEN: 'syadm_x', PATH: '/bin' });
    expect(config).toEqual({ admin: { url: 'http://127.0.0.1:3001', token: 'syadm_x' } });
    expect(Object.isFrozen(config.admin)).toBe(true);
  });

  it.each([
    {},
    { ADMIN_URL: 'http://127.0.0.1:3001' },
    { ADMIN_TOKEN: 'syadm_x' },
    { ADMIN_URL: '', ADMIN_TOKEN: 'x' },
  ])('is a usage error without both variables (%p)', (env) => {
    expect(() => loadOpsCliConfig(env)).toThrow(
      new UsageError('Set ADMIN_URL (e.g. http://127.0.0.1:3001) and ADMIN_TOKEN.'),
    );
  });
});
