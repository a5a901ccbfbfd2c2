import { readyBanner } from './ready-banner.mjs';

describe('readyBanner', () => {
  it('prints the console URL on billing’s port, next to the admin token', () => {
    const banner: string = readyBanner({
      env: { GATEWAY_PORT: '4000', BILLING_PORT: '4001', SIMULATOR_PORT: '4002', ADMIN_TOKEN: 'made-up-token' },
      demoKey: 'sy_live_demo',
      generatedAdminToken: true,
    });
    const lines = banner.split('\n');
    const consoleLine = lines.findIndex((line) => line.startsWith('Console: http://127.0.0.1:4001/console/ '));
    expect(consoleLine).toBeGreaterThan(0);
    expect(lines[consoleLine + 1]).toContain(
      'ADMIN_TOKEN (made up for this run; set ADMIN_TOKEN to choose one): made-up-token',
    );
  });
});
