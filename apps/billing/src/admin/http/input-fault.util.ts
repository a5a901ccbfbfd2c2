/**
 * Deepest nesting an admin input may have. The DTOs' deepest field is a list of strings in a body
 * (two levels); nothing an operator sends needs more, and a deeper body is refused before the DTO
 * transform walks it recursively.
 */
export const MAX_INPUT_DEPTH = 8;

/** What is wrong with an input, and the top-level field it is in ('' for the input as a whole). */
export interface InputFault {
  field: string;
  problem: 'nul' | 'depth';
}

/**
 * The first NUL byte (in a string or a key) or the first value nested past `maxDepth` in `value`,
 * or null when there is none. Postgres cannot store NUL in text, and no name, memo or id needs
 * one. Iterative, so any depth is scanned without growing the stack.
 */
export function findInputFault(value: unknown, field: string, maxDepth = MAX_INPUT_DEPTH): InputFault | null {
  const pending: [unknown, string, number][] = [[value, field, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, top, depth] = next;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { field: top, problem: 'nul' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return { field: top, problem: 'depth' };
    for (const [key, child] of Object.entries(current)) {
      const childField = top === '' ? key : top;
      if (key.includes('\u0000')) return { field: childField, problem: 'nul' };
      pending.push([child, childField, depth + 1]);
    }
  }
  return null;
}
