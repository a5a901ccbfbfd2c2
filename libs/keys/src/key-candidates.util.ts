import { PermissionDeniedError, type TaskType, type Tier } from '@switchyard/contracts';
import type { AuthenticatedKey } from './api-key.types';
import { assertKeyAllows, keyAllows, keyAllowsTier } from './assert-key-allows.util';

/** What the client asked for: one of a model alias or a task type. */
export interface KeyRouteRequest {
  model?: string;
  taskType?: TaskType;
}

/** A resolved route as the router returns it: the request's tier and its ordered candidates. */
export interface KeyRoute<M extends { alias: string; tier: Tier }> {
  tier: Tier;
  candidates: readonly M[];
}

/**
 * The route's candidates this key may use, in the route's order. The allow-lists apply to the
 * request as sent: a named model the key may not use, or a task type of a tier it may not use,
 * is refused with 403 rather than served by another model. Past that check, fallbacks and task
 * candidates outside the lists are skipped, so a request never leaves its key's allow-lists.
 */
export function keyCandidates<M extends { alias: string; tier: Tier }>(
  key: AuthenticatedKey,
  request: KeyRouteRequest,
  route: KeyRoute<M>,
): M[] {
  if (request.model !== undefined) {
    // For a named model the route's tier is that model's tier.
    assertKeyAllows(key, { alias: request.model, tier: route.tier });
  } else if (!keyAllowsTier(key, route.tier)) {
    throw new PermissionDeniedError(`This API key is not allowed to use ${route.tier}-tier models.`, 'task_type');
  }
  const allowed = route.candidates.filter((model) => keyAllows(key, model));
  if (allowed.length === 0) {
    throw new PermissionDeniedError(
      `This API key is not allowed to use any model of task_type ${request.taskType}.`,
      'task_type',
    );
  }
  return allowed;
}
