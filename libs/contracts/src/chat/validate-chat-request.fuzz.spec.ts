import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { CreateChatCompletionDto } from './dto/create-chat-completion.dto';
import { isJsonObject } from './dto/dto-fields.util';
import { findShapeViolation, pickRequestFields } from './dto/json-shape.util';
import { toValidatedChatRequest } from './dto/to-validated-chat-request.util';
import { TRANSFORM_OPTIONS, VALIDATOR_OPTIONS } from './dto/validation-options.constants';
import { firstViolation } from './dto/validators/first-violation.util';
import { validateChatRequest, validateChatRequestInSlices, validateWithDtos } from './validate-chat-request';
import { prng, KEYS, own, randomJson, validRequest, mutate } from './chat-request-fuzz.test-util';

const FALLBACK = 'The request body could not be validated.';

/** Undefined for success or an InvalidRequestError from a rule; otherwise what went wrong. */
function unexpectedOutcome(body: unknown): string | undefined {
  try {
    const result = validateChatRequest(body);
    if (result.body.messages.length === 0) return 'accepted without messages';
    JSON.stringify(result);
    return undefined;
  } catch (err) {
    if (!(err instanceof InvalidRequestError)) return `threw ${String(err)}`;
    if (err.message === FALLBACK) return 'hit the catch-all';
    if (err.param !== undefined && typeof err.param !== 'string') return 'param is not a string';
    return undefined;
  }
}

/** Runs `count` bodies and lists the unexpected outcomes with the body that caused them. */
function fuzz(count: number, makeBody: () => unknown): string[] {
  const problems: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const body = makeBody();
    const problem = unexpectedOutcome(body);
    if (problem) problems.push(`${problem}: ${JSON.stringify(body)?.slice(0, 500)}`);
  }
  return problems;
}

/** The DTO pass as one validateSync over the whole body: what the message-by-message pass must agree with. */
function oneValidateSync(body: unknown): unknown {
  if (!isJsonObject(body)) return new InvalidRequestError('The request body must be a JSON object.');
  const fields = pickRequestFields(body);
  const shapeViolation = findShapeViolation(fields);
  if (shapeViolation) return new InvalidRequestError(shapeViolation.message, shapeViolation.param);
  const dto = plainToInstance(CreateChatCompletionDto, fields, TRANSFORM_OPTIONS);
  const violation = firstViolation(validateSync(dto, VALIDATOR_OPTIONS));
  return violation ? new InvalidRequestError(violation.message, violation.param) : toValidatedChatRequest(dto);
}

const outcome = (validate: () => unknown): unknown => {
  try {
    return validate();
  } catch (err) {
    return err;
  }
};
const described = (result: unknown) =>
  result instanceof InvalidRequestError ? { param: result.param, message: result.message } : result;

describe(`${validateChatRequest.name} under fuzzing`, () => {
  afterAll(() => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('answers random JSON values with success or an InvalidRequestError', () => {
    const random = prng(1);
    expect(fuzz(2000, () => randomJson(random, 5))).toEqual([]);
  });

  it('answers random top-level objects with success or an InvalidRequestError', () => {
    const random = prng(2);
    expect(fuzz(2000, () => own(KEYS.filter(() => random() < 0.3).map((key) => [key, randomJson(random, 4)])))).toEqual(
      [],
    );
  });

  it('answers mutations of a valid request with success or an InvalidRequestError', () => {
    expect(() => validateChatRequest(validRequest())).not.toThrow();
    const random = prng(3);
    const mutated = (): unknown => {
      const body = validRequest();
      for (let m = 1 + Math.floor(random() * 3); m > 0; m -= 1) mutate(body, random);
      return body;
    };
    expect(fuzz(2000, mutated)).toEqual([]);
  });

  it('validates message by message exactly as one validateSync over the whole body does, in slices too', async () => {
    const random = prng(4);
    const bodies = Array.from({ length: 1000 }, () => {
      const body = validRequest();
      // More messages, so violations land before, inside and after them in many places.
      body.messages.push(...validRequest().messages, ...validRequest().messages);
      for (let m = 1 + Math.floor(random() * 3); m > 0; m -= 1) mutate(body, random);
      // As JSON.parse gives it, the gateway's only input: class-transformer drops an array's holes
      // (which JSON cannot express), the list rule refuses them.
      return JSON.parse(JSON.stringify(body)) as unknown;
    });
    for (const body of bodies) {
      const expected = described(outcome(() => oneValidateSync(body)));
      expect(described(outcome(() => validateWithDtos(body)))).toStrictEqual(expected);
      const sliced = await validateChatRequestInSlices(body, 0).catch((err: unknown) => err);
      expect(described(sliced)).toStrictEqual(described(outcome(() => validateChatRequest(body))));
    }
  });

  it.each([
    [
      'a prototype-less body',
      Object.assign(Object.create(null) as object, { model: 'm', messages: [{ role: 'user', content: 'x' }] }),
    ],
    [
      'prototype-less messages',
      { model: 'm', messages: [Object.assign(Object.create(null) as object, { role: 'user', content: 'x' })] },
    ],
    [
      '__proto__ and constructor keys everywhere',
      JSON.parse(
        '{"model":"m","__proto__":{"role":"x"},"messages":[{"role":"user","content":[{"type":"text","text":"x","constructor":{"a":1}}],"__proto__":[],"constructor":1}],"tools":[{"type":"function","constructor":"x","function":{"name":"f","constructor":{},"parameters":{"constructor":{"__proto__":{}}}}}]}',
      ),
    ],
    ['a million messages', { model: 'm', messages: Array(1_000_000).fill({ role: 'user', content: 'x' }) }],
    [
      'a million content parts',
      { model: 'm', messages: [{ role: 'user', content: Array(1_000_000).fill({ type: 'text', text: 'x' }) }] },
    ],
    [
      'a million stop sequences',
      { model: 'm', messages: [{ role: 'user', content: 'x' }], stop: Array(1_000_000).fill('x') },
    ],
    [
      'an array nested 200,000 deep',
      {
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        tools: JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`),
      },
    ],
    ['a 5 MB string', { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(5_000_000) }] }],
  ])('answers %s with success or an InvalidRequestError', (_case, body) => {
    expect(unexpectedOutcome(body)).toBeUndefined();
  });
});
