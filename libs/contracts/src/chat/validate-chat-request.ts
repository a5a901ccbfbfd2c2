import { setImmediate as nextTurn } from 'node:timers/promises';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { chatRequestDtoPass } from './dto/chat-request-dto-pass.util';
import type { ValidatedChatRequest } from './dto/validated-chat-request.types';
import { fastValidChatRequest } from './fast-chat-request.util';

/** How long a DTO pass runs before it gives the event loop back (validateChatRequestInSlices). */
export const VALIDATION_SLICE_MS = 2;

/** The full validation, through the DTOs: every field, and the wording of every error. */
export function validateWithDtos(body: unknown): ValidatedChatRequest {
  const pass = chatRequestDtoPass(body);
  for (;;) {
    const step = pass.next();
    if (step.done) return step.value;
  }
}

/** A client must never get a 500 from validation; the fuzz spec proves this is unreachable. */
function asInvalidRequest(err: unknown): InvalidRequestError {
  return err instanceof InvalidRequestError ? err : new InvalidRequestError('The request body could not be validated.');
}

/**
 * Validates the parsed JSON body of POST /v1/chat/completions and returns it normalized: known
 * fields only, defaults applied, `model` or `task_type` lifted out. Throws `InvalidRequestError`
 * naming the first violation's `param` (`messages[2].tool_call_id`), and nothing else, for any input.
 * Common requests (text messages, scalar options) take a hand-written fast path that returns the
 * same result (fast-chat-request.util.ts); everything else, and every error, goes through the DTOs.
 */
export function validateChatRequest(body: unknown): ValidatedChatRequest {
  try {
    return fastValidChatRequest(body) ?? validateWithDtos(body);
  } catch (err) {
    throw asInvalidRequest(err);
  }
}

/**
 * validateChatRequest, with the DTO pass run in slices of `sliceMs` and an event-loop turn between
 * them: a body of thousands of messages or parts (a second of DTO work) never blocks other requests
 * for more than a slice. Same result, same errors.
 */
export async function validateChatRequestInSlices(
  body: unknown,
  sliceMs = VALIDATION_SLICE_MS,
): Promise<ValidatedChatRequest> {
  try {
    const fast = fastValidChatRequest(body);
    if (fast) return fast;
    const pass = chatRequestDtoPass(body);
    let sliceEndsAt = performance.now() + sliceMs;
    for (;;) {
      const step = pass.next();
      if (step.done) return step.value;
      if (performance.now() < sliceEndsAt) continue;
      await nextTurn();
      sliceEndsAt = performance.now() + sliceMs;
    }
  } catch (err) {
    throw asInvalidRequest(err);
  }
}
