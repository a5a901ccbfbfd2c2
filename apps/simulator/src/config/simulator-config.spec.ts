import { loadSimulatorConfig } from './simulator-config';

describe(loadSimulatorConfig.name, () => {
  it('maps the environment to a nested, frozen config', () => {
    const config = loadSimulatorConfig({ SIMULATOR_PORT: '4000', SIMULATOR_CHUNK_DELAY_MS: '5' });
    expect(config).toEqual({
      http: { host: '127.0.0.1', port: 4000 },
      timing: { latencyMs: 0, chunkDelayMs: 5 },
    });
    expect([Object.isFrozen(config), Object.isFrozen(config.http), Object.isFrozen(config.timing)]).toEqual([
      true,
      true,
      true,
    ]);
  });
});
