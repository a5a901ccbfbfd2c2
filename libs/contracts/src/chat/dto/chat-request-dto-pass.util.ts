import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { InvalidRequestError } from '../../errors/invalid-request.error';
import { ChatMessageDto } from './chat-message.dto';
import { CreateChatCompletionDto } from './create-chat-completion.dto';
import { isJsonObject } from './dto-fields.util';
import { pickRequestFields, shapeViolationSteps } from './json-shape.util';
import { MessageListDto } from './message-list.dto';
import { toValidatedChatRequest } from './to-validated-chat-request.util';
import type { ValidatedChatRequest } from './validated-chat-request.types';
import { TRANSFORM_OPTIONS, VALIDATOR_OPTIONS } from './validation-options.constants';
import { firstViolation } from './validators/first-violation.util';

function throwFirst(errors: readonly ValidationError[], path = ''): void {
  const violation = firstViolation(errors, path);
  if (violation) throw new InvalidRequestError(violation.message, violation.param);
}

/**
 * The full validation through the DTOs, one message at a time: it yields after each message, so
 * a driver can give the event loop back (the DTOs cost tens of microseconds a message, and a
 * request may have 2,048 of them with 256 parts each). It reports the same first violation as one
 * validateSync over the whole body: the other fields are validated with an empty list in place of
 * the messages, whose error marks where `messages` comes in declaration order; the fields before
 * it are reported first, then the list's own rule, each message in order, and the fields after it.
 * (One difference, for values JSON cannot express: an array's holes, which class-transformer would
 * drop, are refused by the list rule.)
 */
export function* chatRequestDtoPass(body: unknown): Generator<void, ValidatedChatRequest, void> {
  if (!isJsonObject(body)) throw new InvalidRequestError('The request body must be a JSON object.');
  const fields = pickRequestFields(body);
  const shapeViolation = yield* shapeViolationSteps(fields);
  if (shapeViolation) throw new InvalidRequestError(shapeViolation.message, shapeViolation.param);

  const dto = plainToInstance(CreateChatCompletionDto, { ...fields, messages: [] }, TRANSFORM_OPTIONS);
  const errors = validateSync(dto, VALIDATOR_OPTIONS);
  const at = errors.findIndex((error) => error.property === 'messages');
  if (at === -1) throw new Error('An empty message list must fail its own rule');
  throwFirst(errors.slice(0, at));
  throwFirst(validateSync(plainToInstance(MessageListDto, { messages: fields.messages }, TRANSFORM_OPTIONS)));
  const raw = fields.messages as Record<string, unknown>[];
  const messages: ChatMessageDto[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    messages[i] = plainToInstance(ChatMessageDto, raw[i], TRANSFORM_OPTIONS);
    throwFirst(validateSync(messages[i], VALIDATOR_OPTIONS), `messages[${i}]`);
    yield;
  }
  throwFirst(errors.slice(at + 1));
  dto.messages = messages;
  return toValidatedChatRequest(dto);
}
