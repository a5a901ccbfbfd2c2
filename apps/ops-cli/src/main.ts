// Loaded first: @switchyard/contracts carries class-validator DTOs that need reflect metadata.
import 'reflect-metadata';
import { ConfigError } from '@switchyard/config';
import { AdminApiError } from './admin-client';
import { UsageError } from './cli-args.util';
import { run } from './program';

run(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (text) => process.stderr.write(text),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof UsageError;
    const known = usage || err instanceof AdminApiError || err instanceof ConfigError;
    console.error(known ? `error: ${(err as Error).message}` : err);
    process.exit(usage ? 2 : 1);
  },
);
