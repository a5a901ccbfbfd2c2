import { CHAT_REQUEST_FIELDS, CHAT_LIMITS } from './chat-request.constants';
import type { Violation } from './validators/first-violation.util';

const { maxDepth, maxJsonValues } = CHAT_LIMITS;

type Overrun = 'too_deep' | 'too_many';

/**
 * Counts values down from `budget.left` and stops at the first overrun. Recursion is safe:
 * it never goes deeper than `maxDepth`.
 */
function walk(value: unknown, depth: number, budget: { left: number }): Overrun | undefined {
  budget.left -= 1;
  if (budget.left < 0) return 'too_many';
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > maxDepth) return 'too_deep';
  if (Array.isArray(value)) {
    for (const item of value) {
      const overrun = walk(item, depth + 1, budget);
      if (overrun) return overrun;
    }
    return undefined;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const overrun = walk((value as Record<string, unknown>)[key], depth + 1, budget);
    if (overrun) return overrun;
  }
  return undefined;
}

/** The known top-level fields of a body; unknown ones are dropped before any work is spent on them. */
export function pickRequestFields(body: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of CHAT_REQUEST_FIELDS) {
    if (Object.hasOwn(body, field)) picked[field] = body[field];
  }
  return picked;
}

/** walk(value, 1, budget) for a top-level field, yielding between the items of an array (`messages`). */
function* walkField(value: unknown, budget: { left: number }): Generator<void, Overrun | undefined, void> {
  if (!Array.isArray(value)) return walk(value, 1, budget);
  budget.left -= 1;
  if (budget.left < 0) return 'too_many';
  for (const item of value) {
    const overrun = walk(item, 2, budget);
    if (overrun) return overrun;
    yield;
  }
  return undefined;
}

/**
 * Bounds nesting depth and the number of JSON values before class-transformer (recursive, and
 * eager over huge arrays) sees the body, so no body within the HTTP size limit can exhaust the
 * stack or spend seconds of CPU. Yields between the items of a top-level array, so a DTO pass
 * run in slices walks 100,000 values without holding the event loop (~15 ms of walking).
 */
export function* shapeViolationSteps(fields: Record<string, unknown>): Generator<void, Violation | undefined, void> {
  const budget = { left: maxJsonValues };
  for (const field of Object.keys(fields)) {
    const overrun = yield* walkField(fields[field], budget);
    if (overrun === 'too_deep')
      return { param: field, message: `${field} is nested too deeply (at most ${maxDepth} levels)` };
    if (overrun === 'too_many')
      return {
        param: field,
        message: `${field} is too large: a request may hold at most ${maxJsonValues} JSON values`,
      };
  }
  return undefined;
}

/** shapeViolationSteps in one go. */
export function findShapeViolation(fields: Record<string, unknown>): Violation | undefined {
  const steps = shapeViolationSteps(fields);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
