import type { ValidationError } from 'class-validator';

export interface Violation {
  /** OpenAI-style path: `messages[2].tool_call_id`, `tools[0].function.name`. */
  param: string;
  /** Starts with `param`: "temperature must not be greater than 2". */
  message: string;
}

/**
 * class-validator records a property's failures bottom decorator first. A missing value or a
 * wrong type explains the problem better than a range check that also failed, so those win.
 */
const FIRST_CHOICE = [
  'isDefined',
  'isObject',
  'isObjectArray',
  'isString',
  'isNumber',
  'isInt',
  'isBoolean',
  'isIn',
  'equals',
];
const NESTED = 'nestedValidation';
const INDEX = /^\d+$/;

function join(parent: string, property: string): string {
  if (INDEX.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

function pickConstraint(constraints: Record<string, string>): [string, string] | undefined {
  const keys = Object.keys(constraints);
  const key = FIRST_CHOICE.find((k) => k in constraints) ?? keys.find((k) => k !== NESTED) ?? keys[0];
  return key === undefined ? undefined : [key, constraints[key]];
}

/**
 * Roots a class-validator message at `path`. Messages start with the property name; custom
 * validators may extend it with a relative path (`tools[3].function.name must be unique`), which
 * then becomes part of the param. Messages that do not start with the property keep `path`.
 */
function rooted(path: string, property: string, key: string, text: string): Violation {
  if (key === NESTED || key === 'unknownValue') return { param: path, message: `${path} must be an object` };
  if (!text.startsWith(property)) return { param: path, message: text };
  const space = text.indexOf(' ');
  const token = space === -1 ? text : text.slice(0, space);
  const suffix = token.slice(property.length);
  if (suffix !== '' && suffix[0] !== '[' && suffix[0] !== '.') return { param: path, message: text };
  const param = path + suffix;
  return { param, message: param + text.slice(token.length) };
}

/** The first violation, depth first in DTO declaration order, as one param and one message. */
export function firstViolation(errors: readonly ValidationError[], parentPath = ''): Violation | undefined {
  for (const error of errors) {
    const property = error.property ?? '';
    const path = property ? join(parentPath, property) : parentPath;
    const picked = error.constraints ? pickConstraint(error.constraints) : undefined;
    if (picked) return rooted(path, property, picked[0], picked[1]);
    const nested = firstViolation(error.children ?? [], path);
    if (nested) return nested;
  }
  return undefined;
}
