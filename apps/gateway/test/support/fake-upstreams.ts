import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AnthropicRequest,
  createSimulatedAnthropicServer,
  createSimulatedServer,
  type UpstreamFaults,
} from '@switchyard/providers';
import { startE2eStack, type E2eStack } from './e2e-stack';

/** A fake upstream the spec controls: switch faults on and off, count requests, see sockets close. */
export interface FakeUpstream {
  url: string;
  faults: UpstreamFaults;
  requests(): number;
  /** Resolves with how many upstream responses were closed before they finished. */
  abortedResponses(): number;
  close(): void;
}

async function start(server: Server, faults: UpstreamFaults): Promise<FakeUpstream> {
  let requests = 0;
  let aborted = 0;
  server.on('request', (_req, res) => {
    requests++;
    res.on('close', () => {
      if (!res.writableFinished) aborted++;
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    faults,
    requests: () => requests,
    abortedResponses: () => aborted,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

export interface FakeUpstreamStack {
  stack: E2eStack;
  /** Anthropic Messages API fake behind the `claude` provider (model claude-core). */
  anthropic: FakeUpstream & { received: AnthropicRequest[]; receivedBeta: Array<string | undefined> };
  /** OpenAI-compatible fake behind the `flaky` provider (model flaky-core, falls back to claude-core). */
  flaky: FakeUpstream;
  stop(): Promise<void>;
}

/** The e2e stack with fixtures/fake-upstreams.catalog.yaml, its URLs pointing at fresh fakes. */
export async function startFakeUpstreamStack(
  options: { anthropicChunkDelayMs?: number } = {},
): Promise<FakeUpstreamStack> {
  const received: AnthropicRequest[] = [];
  const receivedBeta: Array<string | undefined> = [];
  const anthropicFaults: UpstreamFaults = {};
  const flakyFaults: UpstreamFaults = {};
  const anthropic = await start(
    createSimulatedAnthropicServer({
      faults: anthropicFaults,
      received,
      receivedBeta,
      chunkChars: 6,
      chunkDelayMs: options.anthropicChunkDelayMs ?? 0,
    }),
    anthropicFaults,
  );
  const flaky = await start(createSimulatedServer({ faults: flakyFaults }), flakyFaults);
  const template = readFileSync(join(__dirname, '../fixtures/fake-upstreams.catalog.yaml'), 'utf8');
  const catalogPath = join(mkdtempSync(join(tmpdir(), 'switchyard-catalog-')), 'catalog.yaml');
  writeFileSync(
    catalogPath,
    template.replaceAll('{{ANTHROPIC_URL}}', anthropic.url).replaceAll('{{FLAKY_URL}}', flaky.url),
  );
  const stack = await startE2eStack({
    CATALOG_PATH: catalogPath,
    ANTHROPIC_API_KEY: 'sk-ant-e2e-not-a-real-key',
    FLAKY_API_KEY: 'sk-flaky-e2e',
  });
  return {
    stack,
    anthropic: { ...anthropic, received, receivedBeta },
    flaky,
    async stop() {
      await stack.stop();
      anthropic.close();
      flaky.close();
    },
  };
}
