import type { Catalog, CatalogModel, TaskType, Tier, TokenRates, ValidatedChatRequest } from '@switchyard/contracts';
import { InvalidRequestError } from '@switchyard/contracts';
import { maxCostMicro, ratesFor } from '@switchyard/pricing';
import { type AuthenticatedKey, keyCandidates } from '@switchyard/keys';
import { requiredCapabilities, resolveRoute } from '@switchyard/router';
import { countChatPrompt, promptTokensFor } from '@switchyard/tokenizer';

export interface Candidate {
  model: CatalogModel;
  rates: TokenRates;
  /** The prompt on this model: text as everywhere, images by its rule. */
  promptTokens: number;
  maxTokens: number;
}

/** Everything decided before the upstream call: where to go, and what to hold. */
export interface ChatPlan {
  tier: Tier;
  taskType: TaskType | null;
  candidates: Candidate[];
  /** The most prompt tokens any candidate counts (what rate limits charge). */
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

/**
 * OpenAI's answer when a prompt, or a prompt and an explicit max_tokens, do not fit the context
 * window. `stoppedAt`: where text counting stopped, if it did (the count is then a lower bound).
 */
function contextWindowError(
  candidates: readonly Candidate[],
  request: ValidatedChatRequest,
  stoppedAt: number | undefined,
): InvalidRequestError {
  const roomy = candidates.find((c) => c.promptTokens < c.model.contextWindow);
  const param = request.maxTokensParam;
  if (!roomy || !param) {
    const { model, promptTokens } = candidates[0];
    const counted = stoppedAt === undefined ? `${promptTokens}` : `more than ${stoppedAt}`;
    return new InvalidRequestError(
      `This model's maximum context length is ${model.contextWindow} tokens. However, your messages resulted in ${counted} tokens. Please reduce the length of the messages.`,
      'messages',
    );
  }
  const { model, promptTokens, maxTokens } = roomy;
  return new InvalidRequestError(
    `This model's maximum context length is ${model.contextWindow} tokens. However, you requested ${promptTokens + maxTokens} tokens (${promptTokens} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`,
    param,
  );
}

/**
 * Routes a request and sizes its hold. The prompt is counted cooperatively (a prompt of
 * megabytes gives the event loop a turn every few milliseconds); resolves to null when `signal`
 * aborts meanwhile: the client went away and nobody is left to answer.
 */
export async function planChat(
  catalog: Catalog,
  key: AuthenticatedKey,
  request: ValidatedChatRequest,
  signal?: AbortSignal,
): Promise<ChatPlan | null> {
  const route = resolveRoute(catalog, {
    model: request.model,
    taskType: request.task_type,
    requires: requiredCapabilities(request.body),
  });
  const allowed = keyCandidates(key, { model: request.model, taskType: request.task_type }, route);
  // A prompt no candidate's window can take is refused whatever its exact size: stop counting there.
  const widestWindow = Math.max(...allowed.map((model) => model.contextWindow));
  const { messages, tools } = request.body;
  let counted;
  try {
    counted = await countChatPrompt(messages, tools, { stopAbove: widestWindow, signal });
  } catch (err) {
    if (signal?.aborted) return null;
    throw err;
  }
  const candidates = allowed.map((model): Candidate => {
    const promptTokens = promptTokensFor(counted, model.imageTokens);
    const maxTokens = completionBudget(model, request, promptTokens);
    return { model, rates: ratesFor(catalog, model), promptTokens, maxTokens };
  });
  const fitting = candidates.filter((c) => c.maxTokens >= 1 && c.promptTokens + c.maxTokens <= c.model.contextWindow);
  if (fitting.length === 0) {
    const stoppedAt = counted.textTokens > widestWindow ? widestWindow : undefined;
    throw contextWindowError(candidates, request, stoppedAt);
  }
  // One hold, and one rate-limit charge, cover whichever candidate ends up serving the request.
  let promptTokens = 0;
  let holdMicro = 0n;
  for (const c of fitting) {
    const cost = maxCostMicro(c.promptTokens, c.maxTokens, c.rates);
    if (cost > holdMicro) holdMicro = cost;
    if (c.promptTokens > promptTokens) promptTokens = c.promptTokens;
  }
  return { tier: route.tier, taskType: route.taskType, candidates: fitting, promptTokens, holdMicro };
}
