import type { Catalog, CatalogModel, TaskType, Tier, TokenRates, ValidatedChatRequest } from '@switchyard/contracts';
import { InvalidRequestError } from '@switchyard/contracts';
import { maxCostMicro, ratesFor } from '@switchyard/credits';
import { type AuthenticatedKey, keyCandidates } from '@switchyard/keys';
import { requiredCapabilities, resolveRoute } from '@switchyard/router';
import { countChatPromptTokens } from '@switchyard/tokenizer';

export interface Candidate {
  model: CatalogModel;
  rates: TokenRates;
  maxTokens: number;
}

/** Everything decided before the upstream call: where to go, and what to hold. */
export interface ChatPlan {
  tier: Tier;
  taskType: TaskType | null;
  candidates: Candidate[];
  promptTokens: number;
  holdMicro: bigint;
}

export function planChat(catalog: Catalog, key: AuthenticatedKey, request: ValidatedChatRequest): ChatPlan {
  const route = resolveRoute(catalog, {
    model: request.model,
    taskType: request.task_type,
    requires: requiredCapabilities(request.body),
  });
  const allowed = keyCandidates(key, { model: request.model, taskType: request.task_type }, route);
  const promptTokens = countChatPromptTokens(request.body.messages, request.body.tools);
  const candidates = allowed.map((model) => ({
    model,
    rates: ratesFor(catalog, model),
    maxTokens: Math.min(request.body.max_tokens, model.maxOutputTokens),
  }));
  const fitting = candidates.filter((c) => promptTokens + 1 <= c.model.contextWindow);
  if (fitting.length === 0) {
    throw new InvalidRequestError(
      `This request has ${promptTokens} prompt tokens, more than the context window of ${candidates[0].model.alias} (${candidates[0].model.contextWindow}).`,
      'messages',
    );
  }
  // One hold covers whichever candidate ends up serving the request.
  const holdMicro = fitting.reduce((max, c) => {
    const cost = maxCostMicro(promptTokens, c.maxTokens, c.rates);
    return cost > max ? cost : max;
  }, 0n);
  return { tier: route.tier, taskType: route.taskType, candidates: fitting, promptTokens, holdMicro };
}
