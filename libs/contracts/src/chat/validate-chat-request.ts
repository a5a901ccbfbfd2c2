import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { CreateChatCompletionDto } from './dto/create-chat-completion.dto';
import { isJsonObject } from './dto/dto-fields.util';
import { findShapeViolation, pickRequestFields } from './dto/json-shape.util';
import { toValidatedChatRequest } from './dto/to-validated-chat-request.util';
import type { ValidatedChatRequest } from './dto/validated-chat-request.types';
import { TRANSFORM_OPTIONS, VALIDATOR_OPTIONS } from './dto/validation-options.constants';
import { firstViolation } from './dto/validators/first-violation.util';
import { fastValidChatRequest } from './fast-chat-request.util';

/** The full validation, through the DTOs: every field, and the wording of every error. */
export function validateWithDtos(body: unknown): ValidatedChatRequest {
  if (!isJsonObject(body)) throw new InvalidRequestError('The request body must be a JSON object.');
  const fields = pickRequestFields(body);
  const shapeViolation = findShapeViolation(fields);
  if (shapeViolation) throw new InvalidRequestError(shapeViolation.message, shapeViolation.param);
  const dto = plainToInstance(CreateChatCompletionDto, fields, TRANSFORM_OPTIONS);
  const violation = firstViolation(validateSync(dto, VALIDATOR_OPTIONS));
  if (violation) throw new InvalidRequestError(violation.message, violation.param);
  return toValidatedChatRequest(dto);
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
    if (err instanceof InvalidRequestError) throw err;
    // A client must never get a 500 from validation; the fuzz spec proves this is unreachable.
    throw new InvalidRequestError('The request body could not be validated.');
  }
}
