#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --profile]`: builds dist/, creates its own database
// (sy_bench_<ts>, migrated with `npm run db:migrate`) and Redis prefix, starts the fake upstream,
// billing and gateway as real processes on free loopback ports, runs the scenarios and writes
// bench/results/<ts>.md and .json. --profile instead runs the gateway under `node --cpu-prof` at
// saturation and writes bench/results/<ts>-profile.md (see summarize-profile.mjs). --saturation
// only prints the gateway's CPU and system calls per request, and every process's CPU per
// request, at saturation (or paced at --rate=N req/s), 3 rounds, for A/B checks of a hot-path change.
// --streams only runs the streaming scenarios (with the LLM-shaped one), side by side with a base
// checkout's gateway when BENCH_BASE_ROOT is set (lib/stream-modes.mjs).
// --embeddings only runs the embeddings scenario (a batch of 16 short texts) beside chat;
// --messages the same request through POST /v1/messages beside chat.
import { mkdir } from 'node:fs/promises';
import { build } from '../scripts/build.mjs';
import { cleanUp, processes, startStack } from './lib/bench-stack.mjs';
import { embeddingsOnly, measure, messagesOnly, profile, saturation } from './lib/run-modes.mjs';
import {
  dbUrl,
  EMBEDDINGS,
  log,
  MESSAGES,
  PROFILE,
  redisPrefix,
  RESULTS,
  ROOT,
  SATURATION,
  STREAMS,
} from './lib/run-settings.mjs';
import { profileStreams, streamsOnly } from './lib/stream-modes.mjs';
import { createDatabase, distRequire, migrate } from './lib/stack.mjs';

async function main() {
  await mkdir(RESULTS, { recursive: true });
  await build({ log });
  const libs = distRequire(ROOT);
  log(`database ${new URL(dbUrl).pathname.slice(1)}, Redis prefix ${redisPrefix}`);
  await createDatabase(dbUrl);
  let stack;
  try {
    await migrate(ROOT, { ...process.env, DATABASE_URL: dbUrl });
    stack = await startStack(libs);
    if (EMBEDDINGS) await embeddingsOnly(stack);
    else if (MESSAGES) await messagesOnly(stack);
    else if (STREAMS) await (PROFILE ? profileStreams(stack) : streamsOnly(stack));
    else await (PROFILE ? profile(stack) : SATURATION ? saturation(stack) : measure(libs, stack));
  } finally {
    await cleanUp(stack, libs);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench failed: ${err?.stack ?? err}`);
    for (const proc of processes) console.error(`--- ${proc.name} output (tail) ---\n${proc.output().slice(-3000)}`);
    process.exit(1);
  },
);
