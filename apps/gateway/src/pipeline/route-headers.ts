import type { ServerResponse } from 'node:http';
import type { ServedCandidate } from '../upstream/upstream-caller.service';

/** The route taken: the model (and provider) that answered, any that failed before it, and our overhead. */
export function setRouteHeaders(res: ServerResponse, served: ServedCandidate, overheadMs: number): void {
  res.setHeader('x-switchyard-model', served.model.alias);
  res.setHeader('x-switchyard-provider', served.model.provider);
  res.setHeader('x-switchyard-tier', served.model.tier);
  if (served.failedOver.length > 0) res.setHeader('x-switchyard-fallback-from', served.failedOver.join(','));
  res.setHeader('x-switchyard-overhead-ms', overheadMs.toFixed(3));
}
