import type { ServerResponse } from 'node:http';
import type { Tier } from '@switchyard/contracts';

/** What the headers name: a chat candidate that served (ServedCandidate) or an embedding model. */
export interface ServedRoute {
  model: { alias: string; provider: string; tier: Tier };
  failedOver: readonly string[];
}

/** The route taken: the model (and provider) that answered, any that failed before it, and our overhead. */
export function setRouteHeaders(res: ServerResponse, served: ServedRoute, overheadMs: number): void {
  res.setHeader('x-switchyard-model', served.model.alias);
  res.setHeader('x-switchyard-provider', served.model.provider);
  res.setHeader('x-switchyard-tier', served.model.tier);
  if (served.failedOver.length > 0) res.setHeader('x-switchyard-fallback-from', served.failedOver.join(','));
  res.setHeader('x-switchyard-overhead-ms', overheadMs.toFixed(3));
}
