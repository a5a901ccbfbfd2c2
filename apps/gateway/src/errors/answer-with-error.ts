// Both apps answer errors the same way, through one mapping: see @switchyard/observability.
// Kept at this path for the gateway's callers (the chat lane, the exception filter).
export { answerWithError } from '@switchyard/observability';
