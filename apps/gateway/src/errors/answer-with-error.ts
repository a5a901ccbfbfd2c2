// Both apps answer errors the same way, through one mapping: see @switchyard/observability.
// Kept at this path for the gateway's callers (the data-plane ingress, the exception filter).
export { answerWithError } from '@switchyard/observability';
