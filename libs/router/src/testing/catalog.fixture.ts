// Fixtures for this library's specs only (not exported): the repository's real catalog, and a
// small hand-built one whose entries each exercise a rule.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { TaskType, Tier } from '@switchyard/contracts';

export const REPO_CATALOG_PATH = resolve(__dirname, '../../../../config/catalog.yaml');

export function loadRepoCatalogYaml(): unknown {
  return parse(readFileSync(REPO_CATALOG_PATH, 'utf8'));
}

/** DESIGN §3, written out independently of any catalog. */
export const DESIGN_TIERS: Readonly<Record<TaskType, Tier>> = {
  simple_chat: 'core',
  summarize: 'core',
  extract: 'core',
  translate: 'core',
  code_gen: 'pro',
  tool_orchestrate: 'pro',
  image_gen: 'pro',
  file_ops: 'pro',
  web_browse: 'pro',
  creative: 'pro',
  deep_reasoning: 'ultra',
  agentic_complex: 'ultra',
};

const ALL = ['tools', 'vision', 'json_schema', 'streaming'];

/**
 * A fresh raw catalog (as YAML would load it) for each call, so a spec can break one field.
 * core-text lacks tools and vision; pro-vision lacks tools and streaming; pro-tools lacks vision;
 * ultra-b overrides its input and output prices; local-core's provider needs no key.
 */
export interface RawCatalog {
  tiers: Record<string, Record<string, unknown>>;
  providers: Record<string, Record<string, unknown>>;
  models: Array<Record<string, unknown>>;
  tasks: Record<string, Record<string, unknown>>;
}

export function rawCatalog(): RawCatalog {
  return {
    tiers: {
      core: { input: '1', output: '0', cached_input: '0' },
      pro: { input: '3', output: '0.5', cached_input: '0.25' },
      ultra: { input: '8' },
    },
    providers: {
      simulated: { kind: 'simulated', base_url: 'http://127.0.0.1:3002/v1', timeout_ms: 5000 },
      openai: {
        kind: 'openai',
        base_url: 'https://api.openai.com/v1/',
        api_key_env: 'OPENAI_API_KEY',
        timeout_ms: 30000,
      },
      local: { kind: 'openai', base_url: 'http://127.0.0.1:11434/v1' },
    },
    models: [
      {
        alias: 'core-fast',
        provider: 'openai',
        upstream_model: 'gpt-4o-mini',
        tier: 'core',
        capabilities: ALL,
        context_window: 128000,
        max_output_tokens: 16384,
      },
      {
        alias: 'core-text',
        provider: 'openai',
        upstream_model: 'gpt-3.5-turbo',
        tier: 'core',
        capabilities: ['streaming'],
        context_window: 16385,
        max_output_tokens: 4096,
      },
      {
        alias: 'local-core',
        provider: 'local',
        tier: 'core',
        capabilities: ['streaming'],
        context_window: 8192,
        max_output_tokens: 2048,
      },
      {
        alias: 'pro-vision',
        provider: 'openai',
        upstream_model: 'gpt-4o',
        tier: 'pro',
        capabilities: ['vision', 'json_schema'],
        context_window: 128000,
        max_output_tokens: 16384,
      },
      {
        alias: 'pro-tools',
        provider: 'openai',
        upstream_model: 'gpt-4.1',
        tier: 'pro',
        capabilities: ['tools', 'json_schema', 'streaming'],
        context_window: 1047576,
        max_output_tokens: 32768,
      },
      {
        alias: 'ultra-a',
        provider: 'openai',
        upstream_model: 'o3',
        tier: 'ultra',
        capabilities: ALL,
        context_window: 200000,
        max_output_tokens: 100000,
      },
      {
        alias: 'ultra-b',
        provider: 'simulated',
        upstream_model: 'gpt-5',
        tier: 'ultra',
        capabilities: ['tools', 'streaming'],
        context_window: 400000,
        max_output_tokens: 128000,
        pricing: { input: '6.5', output: '0.0015' },
      },
      {
        alias: 'embed-small',
        kind: 'embedding',
        provider: 'openai',
        upstream_model: 'text-embedding-3-small',
        tier: 'core',
        pricing: { input: '0.02' },
        dimensions: 1536,
        accepts_dimensions: true,
      },
      {
        alias: 'embed-local',
        kind: 'embedding',
        provider: 'local',
        tier: 'core',
        dimensions: 64,
        max_inputs: 16,
        max_input_tokens: 256,
        max_total_tokens: 1024,
      },
    ],
    tasks: {
      simple_chat: { tier: 'core', candidates: ['core-text', 'core-fast'] },
      summarize: { tier: 'core', candidates: ['local-core', 'core-text'] },
      extract: { tier: 'core', candidates: ['core-fast', 'core-text'] },
      translate: { tier: 'core', candidates: ['core-text', 'local-core'] },
      code_gen: { tier: 'pro', candidates: ['pro-tools', 'pro-vision'] },
      tool_orchestrate: { tier: 'pro', candidates: ['pro-tools'], requires: ['tools'] },
      image_gen: { tier: 'pro', candidates: ['pro-vision'], requires: ['vision'] },
      file_ops: { tier: 'pro', candidates: ['pro-tools', 'pro-vision'] },
      web_browse: { tier: 'pro', candidates: ['pro-vision', 'pro-tools'] },
      creative: { tier: 'pro', candidates: ['pro-vision'] },
      deep_reasoning: { tier: 'ultra', candidates: ['ultra-a', 'ultra-b'] },
      agentic_complex: { tier: 'ultra', candidates: ['ultra-b', 'ultra-a'], requires: ['tools'] },
    },
  };
}
