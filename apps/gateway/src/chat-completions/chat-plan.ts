import type { Catalog, CatalogModel, TaskType, Tier, TokenRates, ValidatedChatRequest } from '@switchyard/contracts';
import { InvalidRequestError } from '@switchyard/contracts';
import { maxCostMicro, ratesFor } from '@switchyard/pricing';
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

/**
 * The completion budget on one model: what the client asked for, capped by the model's max
 * output. The default (nothing sent) also shrinks to the room the prompt leaves, as OpenAI's
 * does; an explicit budget is kept as sent, and refused if it does not fit.
 */
function completionBudget(model: CatalogModel, request: ValidatedChatRequest, promptTokens: number): number {
  const asked = Math.min(request.body.max_tokens, model.maxOutputTokens);
  return request.maxTokensParam ? asked : Math.min(asked, model.contextWindow - promptTokens);
}

/** OpenAI's answer when a prompt, or a prompt and an explicit max_tokens, do not fit the context window. */
function contextWindowError(
  candidates: readonly Candidate[],
  request: ValidatedChatRequest,
  promptTokens: number,
  countedUpTo: number,
): InvalidRequestError {
  const roomy = candidates.find((c) => promptTokens < c.model.contextWindow);
  const param = request.maxTokensParam;
  if (!roomy || !param) {
    const window = candidates[0].model.contextWindow;
    const counted = promptTokens > countedUpTo ? `more than ${countedUpTo}` : `${promptTokens}`;
    return new InvalidRequestError(
      `This model's maximum context length is ${window} tokens. However, your messages resulted in ${counted} tokens. Please reduce the length of the messages.`,
      'messages',
    );
  }
  return new InvalidRequestError(
    `This model's maximum context length is ${roomy.model.contextWindow} tokens. However, you requested ${promptTokens + roomy.maxTokens} tokens (${promptTokens} in the messages, ${roomy.maxTokens} in the completion). Please reduce the length of the messages or completion.`,
    param,
  );
}

export function planChat(catalog: Catalog, key: AuthenticatedKey, request: ValidatedChatRequest): ChatPlan {
  const route = resolveRoute(catalog, {
    model: request.model,
    taskType: request.task_type,
    requires: requiredCapabilities(request.body),
  });
  const allowed = keyCandidates(key, { model: request.model, taskType: request.task_type }, route);
  // A prompt no candidate's window can take is refused whatever its exact size: stop counting there.
  const widestWindow = Math.max(...allowed.map((model) => model.contextWindow));
  const promptTokens = countChatPromptTokens(request.body.messages, request.body.tools, widestWindow);
  const candidates = allowed.map((model) => ({
    model,
    rates: ratesFor(catalog, model),
    maxTokens: completionBudget(model, request, promptTokens),
  }));
  const fitting = candidates.filter((c) => c.maxTokens >= 1 && promptTokens + c.maxTokens <= c.model.contextWindow);
  if (fitting.length === 0) throw contextWindowError(candidates, request, promptTokens, widestWindow);
  // One hold covers whichever candidate ends up serving the request.
  const holdMicro = fitting.reduce((max, c) => {
    const cost = maxCostMicro(promptTokens, c.maxTokens, c.rates);
    return cost > max ? cost : max;
  }, 0n);
  return { tier: route.tier, taskType: route.taskType, candidates: fitting, promptTokens, holdMicro };
}
