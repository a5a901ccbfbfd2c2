import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class SimulatorEnv {
  @IsString()
  @IsNotEmpty()
  SIMULATOR_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  SIMULATOR_PORT: number = 3002;

  /** Delay before each response's headers, in ms. */
  @IsInt()
  @Min(0)
  @Max(60_000)
  SIMULATOR_LATENCY_MS: number = 0;

  /** Delay between streamed chunks, in ms. */
  @IsInt()
  @Min(0)
  @Max(10_000)
  SIMULATOR_CHUNK_DELAY_MS: number = 0;
}
