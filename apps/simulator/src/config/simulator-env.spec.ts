import { ConfigError, validateEnv } from '@switchyard/config';
import { SimulatorEnv } from './simulator-env';

describe(SimulatorEnv.name, () => {
  it('defaults to a silent, instant simulator on 127.0.0.1:3002', () => {
    expect({ ...validateEnv(SimulatorEnv, {}) }).toEqual({
      SIMULATOR_HOST: '127.0.0.1',
      SIMULATOR_PORT: 3002,
      SIMULATOR_LATENCY_MS: 0,
      SIMULATOR_CHUNK_DELAY_MS: 0,
    });
  });

  it('reads numbers from the environment', () => {
    expect(
      validateEnv(SimulatorEnv, { SIMULATOR_PORT: '4000', SIMULATOR_LATENCY_MS: '25', SIMULATOR_CHUNK_DELAY_MS: '5' }),
    ).toMatchObject({
      SIMULATOR_PORT: 4000,
      SIMULATOR_LATENCY_MS: 25,
      SIMULATOR_CHUNK_DELAY_MS: 5,
    });
  });

  it('lists every bad variable', () => {
    const err = (() => {
      try {
        validateEnv(SimulatorEnv, {
          SIMULATOR_PORT: '70000',
          SIMULATOR_LATENCY_MS: '-1',
          SIMULATOR_CHUNK_DELAY_MS: 'soon',
        });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect([...new Set((err as ConfigError).problems.map((p) => p.split(':')[0]))].sort()).toEqual([
      'SIMULATOR_CHUNK_DELAY_MS',
      'SIMULATOR_LATENCY_MS',
      'SIMULATOR_PORT',
    ]);
  });
});
