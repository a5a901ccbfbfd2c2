import type { ProviderConfig } from '@switchyard/contracts';
import type { LlmProvider } from './llm-provider.types';
import { AnthropicProvider } from './anthropic/anthropic.provider';
import { OpenAiCompatibleProvider } from './openai/openai-compatible.provider';

/**
 * One provider per catalog entry. `apiKeys` maps the catalog's `apiKeyEnv` names to their values
 * (the app reads its environment; libs never do). The simulated provider is reached over HTTP
 * like any OpenAI-compatible upstream, so both kinds share one client.
 */
export function createProviders(
  providers: ReadonlyMap<string, ProviderConfig>,
  apiKeys: Record<string, string | undefined>,
): Map<string, LlmProvider> {
  const created = new Map<string, LlmProvider>();
  for (const [name, config] of providers) {
    const apiKey = config.apiKeyEnv ? apiKeys[config.apiKeyEnv] : undefined;
    switch (config.kind) {
      case 'openai':
      case 'simulated':
        created.set(name, new OpenAiCompatibleProvider(config, apiKey));
        break;
      case 'anthropic':
        created.set(name, new AnthropicProvider(config, apiKey));
        break;
      default: {
        const unknownKind: never = config.kind;
        throw new Error(`Unsupported provider kind: ${String(unknownKind)}`);
      }
    }
  }
  return created;
}

/** Closes every provider's connection pool (graceful shutdown); one failing pool does not keep the others open. */
export async function closeProviders(providers: Iterable<LlmProvider>): Promise<void> {
  await Promise.allSettled([...providers].map((provider) => provider.close()));
}
