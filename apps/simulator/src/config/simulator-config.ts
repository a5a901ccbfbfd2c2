import { deepFreeze, validateEnv } from '@switchyard/config';
import { SimulatorEnv } from './simulator-env';

/** The simulator's configuration, validated and mapped once at boot, then frozen. */
export interface SimulatorConfig {
  readonly http: { readonly host: string; readonly port: number };
  /** Delays, in ms: before each response's headers, and between streamed chunks. */
  readonly timing: { readonly latencyMs: number; readonly chunkDelayMs: number };
}

export function simulatorConfigFrom(env: SimulatorEnv): SimulatorConfig {
  return deepFreeze({
    http: { host: env.SIMULATOR_HOST, port: env.SIMULATOR_PORT },
    timing: { latencyMs: env.SIMULATOR_LATENCY_MS, chunkDelayMs: env.SIMULATOR_CHUNK_DELAY_MS },
  });
}

/** Validates the raw environment (every bad variable listed at once, as a ConfigError) and maps it. */
export function loadSimulatorConfig(rawEnv: Record<string, string | undefined>): SimulatorConfig {
  return simulatorConfigFrom(validateEnv(SimulatorEnv, rawEnv));
}
